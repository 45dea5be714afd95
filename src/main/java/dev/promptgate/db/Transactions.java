package dev.promptgate.db;

import jakarta.persistence.EntityManager;

/** Settings of the current transaction. */
public final class Transactions {

    private Transactions() {}

    /**
     * Makes the current transaction read one snapshot of the database, even while others write. Must come before
     * its first query.
     */
    public static void repeatableRead(EntityManager em) {
        em.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
    }

    /** As {@link #repeatableRead(EntityManager)}, for a transaction that only reads. */
    public static void readOnlySnapshot(EntityManager em) {
        em.createNativeQuery("set transaction isolation level repeatable read, read only")
                .executeUpdate();
    }
}
