package dev.promptgate.policy.document;

import java.util.List;

/**
 * The answer to a PUT of a policy document: the changes, and after a real apply the policy as now stored (a
 * dry run has none).
 */
public record ApplyResult(boolean dryRun, List<PolicyChange> changes, PolicyDocument policy) {

    static ApplyResult dryRun(List<PolicyChange> changes) {
        return new ApplyResult(true, changes, null);
    }

    static ApplyResult applied(PolicyApply.Applied applied) {
        return new ApplyResult(false, applied.changes(), applied.document());
    }
}
