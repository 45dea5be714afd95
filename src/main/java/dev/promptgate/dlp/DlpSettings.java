package dev.promptgate.dlp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The organization's data-protection settings (one row). */
@Entity
@Table(name = "dlp_settings")
public class DlpSettings extends PanacheEntityBase {

    @Id
    public Short id;

    @Column(name = "unknown_ai_sites", nullable = false)
    public boolean unknownAiSites;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> justifications = new ArrayList<>();

    @Version
    public long version;

    public static DlpSettings get() {
        return findById((short) 1);
    }
}
