package dev.promptgate.client;

import dev.promptgate.bundle.BundleStore;
import dev.promptgate.bundle.BundleStore.GroupSelection;
import dev.promptgate.events.UserPseudonyms;
import dev.promptgate.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Policy session handles: a short value the server gives a browser for a verified user token, which the browser then
 * sends instead of the token on its policy fetches (docs/adr/0033-policy-session-handles.md). An access token is
 * about a kilobyte; a handle about fifty bytes, and every fetch of a fleet reads it.
 *
 * <p>A handle says which Promptgate groups the person's verified identity selected, and is bound to what that
 * selection depends on: the policy revision it was made in, the directory revision in force when the identity was
 * verified, and an expiry no later than the token's and at most {@link #LONGEST} away. It is signed
 * with HMAC-SHA256 under a key every replica derives from the same server secret, so any replica checks it without
 * shared state. When either revision has moved, the handle has expired, or it does not verify, the fetch is refused
 * with 401 {@code session-expired} and the browser sends its token again, which gets it a new handle. Handles
 * select a policy only: events still carry the user token, since they record who sent them.
 *
 * <p>Format: {@code 1.<expiry, epoch seconds>.<policy revision>.<directory revision>.<group ids, '-'-joined,
 * ascending>.<first 16 bytes of the HMAC over everything before it, base64url>}.
 */
@ApplicationScoped
public class PolicySessions {

    /** The request header that carries a handle, and the response header that hands one out. */
    public static final String HEADER = "X-Promptgate-Session";

    /**
     * The longest a handle counts. Every change that could select other groups for the person moves a revision the
     * handle is bound to (the directory's, the policy's) or comes with a new token; this bounds what a change that
     * reached no replica's announcement could hold on to.
     */
    static final Duration LONGEST = Duration.ofHours(1);

    /** The longest handle read; anything longer is refused unread. */
    static final int MAX_LENGTH = 2048;

    private static final String VERSION = "1";
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final BundleStore bundles;
    private final KnownIdentities identities;
    private final UserPseudonyms secrets;
    private volatile SecretKeySpec key;

    /**
     * Handles whose signature verified lately, by their text, so that a browser's every fetch does not compute the
     * MAC again; only what verified is kept, and whether it still holds is checked on every fetch. A plain map: a
     * fetch only reads it, where a bounded cache records every read in shared buffers that the event-loop threads
     * then contend for (docs/performance.md). It is bounded by {@link #remember}; a handle that no longer holds is
     * dropped when it is next presented.
     */
    private final ConcurrentMap<String, Signed> verified = new ConcurrentHashMap<>();

    /** Most verified handles held: as many as identities ({@link KnownIdentities#MAX_ENTRIES}). */
    private final long capacity;

    /**
     * One instance per distinct group selection: the handles of a fleet's people point at the few objects of their
     * groups' selections, which stay in the processor's cache, instead of each at a copy of its own
     * (docs/performance.md). Only selections of handles that verified enter it.
     */
    private final ConcurrentMap<GroupSelection, GroupSelection> selections = new ConcurrentHashMap<>();

    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    PolicySessions(BundleStore bundles, KnownIdentities identities, UserPseudonyms secrets) {
        this(bundles, identities, secrets, KnownIdentities.MAX_ENTRIES);
    }

    PolicySessions(BundleStore bundles, KnownIdentities identities, UserPseudonyms secrets, long capacity) {
        this.bundles = bundles;
        this.identities = identities;
        this.secrets = secrets;
        this.capacity = capacity;
    }

    /**
     * A handle for the policy of a verified person, or empty when there is nothing to hand out: nobody or a browser
     * account named (its header is short already), or no bundle compiled yet.
     */
    public Optional<String> issue(KnownIdentities.Verified verified) {
        if (verified.identity().kind() != Identity.Kind.OIDC) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        long expiresAt = Math.min(verified.expiresAtMillis(), now + LONGEST.toMillis()) / 1000;
        if (expiresAt <= now / 1000) {
            return Optional.empty();
        }
        return bundles.select(verified.identity().groups()).map(selection -> {
            String ids = new TreeSet<>(selection.groupIds())
                    .stream().map(String::valueOf).collect(Collectors.joining("-"));
            String payload = String.join(
                    ".",
                    VERSION,
                    Long.toString(expiresAt),
                    Long.toString(selection.revision()),
                    Long.toString(verified.directoryRevision()),
                    ids);
            return payload + "." + ENCODER.encodeToString(mac(payload));
        });
    }

    /**
     * The group selection of a handle that verifies, has not expired, and was made in the policy and directory
     * revisions in force on this replica now; empty otherwise. Never blocks.
     */
    public Optional<GroupSelection> verify(String handle) {
        if (handle == null || handle.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis() / 1000;
        Signed known = verified.get(handle);
        if (known == null) {
            known = read(handle);
            if (known == null || !holds(known, now)) {
                return Optional.empty();
            }
            remember(handle, known);
        } else if (!holds(known, now)) {
            verified.remove(handle, known);
            return Optional.empty();
        }
        return Optional.of(known.selection());
    }

    /** How many verified handles are held now. */
    int held() {
        return verified.size();
    }

    /** Whether a verified handle still counts: not expired, and made in the revisions in force now. */
    private boolean holds(Signed known, long nowSeconds) {
        Optional<Long> policyRevision = bundles.revision();
        return known.expiresAt() > nowSeconds
                && known.directoryRevision() == identities.directoryRevision()
                && policyRevision.isPresent()
                && policyRevision.get() == known.selection().revision();
    }

    /**
     * Keeps a handle that verified and counts. At capacity, the handles that no longer count go first; if that frees nothing
     * (a fleet larger than the bound), everything goes, and each browser's next fetch verifies its handle again.
     */
    private void remember(String handle, Signed known) {
        if (verified.size() >= capacity) {
            long now = System.currentTimeMillis() / 1000;
            verified.values().removeIf(held -> !holds(held, now));
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(handle, known);
    }

    /** What a handle whose signature verified says. */
    private record Signed(long expiresAt, long directoryRevision, GroupSelection selection) {}

    /** The parts of a handle whose signature verifies; null for anything else. */
    private Signed read(String handle) {
        int lastDot = handle.lastIndexOf('.');
        if (lastDot < 0) {
            return null;
        }
        String payload = handle.substring(0, lastDot);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(handle.substring(lastDot + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (given.length != MAC_BYTES || !MessageDigest.isEqual(given, mac(payload))) {
            return null;
        }
        // Signed by a replica of this organization: its parts are as it wrote them.
        String[] parts = payload.split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            return null;
        }
        try {
            TreeSet<Long> ids = parts[4].isEmpty()
                    ? new TreeSet<>()
                    : Arrays.stream(parts[4].split("-"))
                            .map(Long::valueOf)
                            .collect(Collectors.toCollection(TreeSet::new));
            return new Signed(
                    Long.parseLong(parts[1]),
                    Long.parseLong(parts[3]),
                    canonical(new GroupSelection(Long.parseLong(parts[2]), ids)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private GroupSelection canonical(GroupSelection selection) {
        if (selections.size() >= KnownIdentities.MAX_ENTRIES) {
            selections.clear();
        }
        GroupSelection known = selections.putIfAbsent(selection, selection);
        return known == null ? selection : known;
    }

    private byte[] mac(String payload) {
        return Arrays.copyOf(macs.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
    }

    private Mac newMac() {
        SecretKeySpec spec = key;
        if (spec == null) {
            byte[] derived = secrets.derivedKey("policy session handles");
            if (derived == null) {
                throw new IllegalStateException("The server secret is not loaded yet");
            }
            spec = new SecretKeySpec(derived, ALGORITHM);
            key = spec;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
