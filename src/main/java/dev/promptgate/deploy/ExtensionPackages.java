package dev.promptgate.deploy;

import dev.promptgate.api.ProblemException;
import dev.promptgate.audit.AuditLog;
import dev.promptgate.audit.CurrentActor;
import dev.promptgate.config.PromptgateConfig;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The extension packages this server offers Chrome and Edge: the CRX3 bundled with the server and those admins
 * upload. The bundled package's ID anchors the rest: only uploads of that ID count, and the highest version is
 * offered. A server built without a bundled package takes the ID of its first upload.
 */
@Startup
@ApplicationScoped
@Transactional
public class ExtensionPackages {

    private static final Logger LOG = Logger.getLogger(ExtensionPackages.class);

    /** What browsers are offered: the package's coordinates, and where it came from. */
    public record Offered(String extensionId, String version, String sha256, String source, Instant uploadedAt) {}

    /** Fired in the upload's transaction; {@link OfferedVersion} takes the version once it committed. */
    record Uploaded(String version) {}

    private final Optional<Crx3> bundled;
    private final Optional<String> bundledSha256;
    private final AuditLog audit;
    private final CurrentActor actor;
    private final Event<Uploaded> uploaded;

    ExtensionPackages(PromptgateConfig config, AuditLog audit, CurrentActor actor, Event<Uploaded> uploaded) {
        this.audit = audit;
        this.actor = actor;
        this.uploaded = uploaded;
        this.bundled = readBundled(config.extension().bundledCrx());
        this.bundledSha256 = bundled.map(crx -> sha256(crx.bytes()));
    }

    /** The package browsers are offered now, if there is one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Offered> offered() {
        Optional<ExtensionPackage> uploaded = newestUpload();
        if (uploaded.isPresent()
                && (bundled.isEmpty()
                        || ExtensionVersion.compare(
                                        uploaded.get().version, bundled.get().version())
                                > 0)) {
            ExtensionPackage p = uploaded.get();
            return Optional.of(new Offered(p.extensionId, p.version, p.sha256, "uploaded", p.uploadedAt));
        }
        return bundled.map(crx -> new Offered(crx.extensionId(), crx.version(), bundledSha256.get(), "bundled", null));
    }

    /** The bytes of the offered package, when its version is the one asked for (or none was asked for). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<byte[]> offeredCrx(String version) {
        return offered()
                .filter(o -> version == null || version.equals(o.version()))
                .map(o -> {
                    if (o.source().equals("bundled")) {
                        return bundled.get().bytes();
                    }
                    return ExtensionPackage.<ExtensionPackage>find(
                                    "extensionId = ?1 and version = ?2", o.extensionId(), o.version())
                            .firstResult()
                            .crx;
                });
    }

    /**
     * Accepts a CRX3 to offer from now on: a valid, correctly signed CRX3 of the offered ID, with a higher version
     * than the offered one.
     */
    public Offered upload(byte[] bytes) {
        Crx3 crx;
        try {
            crx = Crx3.parse(bytes);
        } catch (Crx3.InvalidCrx e) {
            throw new ProblemException.InvalidInput("crx", e.getMessage());
        }
        Optional<Offered> current = offered();
        if (current.isPresent() && !current.get().extensionId().equals(crx.extensionId())) {
            throw new ProblemException.Conflict("The package's extension ID is " + crx.extensionId()
                    + ", but browsers have " + current.get().extensionId()
                    + ": it was signed with another key (see docs/browser-rollout.md, Signing key)");
        }
        if (current.isPresent()
                && ExtensionVersion.compare(crx.version(), current.get().version()) <= 0) {
            throw new ProblemException.Conflict("Version " + crx.version() + " is not higher than the offered "
                    + current.get().version() + "; browsers only update to a higher version");
        }
        ExtensionPackage row = new ExtensionPackage();
        row.extensionId = crx.extensionId();
        row.version = crx.version();
        row.sha256 = sha256(bytes);
        row.crx = bytes;
        row.uploadedAt = Instant.now();
        row.uploadedBy = actor.name();
        row.persist();
        Offered offered = new Offered(row.extensionId, row.version, row.sha256, "uploaded", row.uploadedAt);
        audit.record("upload", "extension-package", row.extensionId + "@" + row.version, null, offered);
        uploaded.fire(new Uploaded(row.version));
        return offered;
    }

    private Optional<ExtensionPackage> newestUpload() {
        Sort newest = Sort.descending("id");
        return bundled.isPresent()
                ? ExtensionPackage.<ExtensionPackage>find(
                                "extensionId", newest, bundled.get().extensionId())
                        .firstResultOptional()
                : ExtensionPackage.<ExtensionPackage>findAll(newest).firstResultOptional();
    }

    private static Optional<Crx3> readBundled(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                LOG.infof(
                        "No extension package is bundled (%s); Chrome and Edge get one once an admin uploads it",
                        resource);
                return Optional.empty();
            }
            Crx3 crx = Crx3.parse(in.readAllBytes());
            LOG.infof("Offering the bundled extension %s version %s", crx.extensionId(), crx.version());
            return Optional.of(crx);
        } catch (IOException | Crx3.InvalidCrx e) {
            throw new IllegalStateException(
                    "The bundled extension package " + resource + " is not valid: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
