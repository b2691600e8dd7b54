-- The generation of credentials (issue 13, ADR 0017): one row whose generation is
-- raised, in the same transaction, by every write that ends or changes a credential
-- or the user behind it (a session deleted, an API token revoked, a user changed,
-- deactivated, their password or second factor changed or reset). Every server's
-- cache of verified sessions and tokens (app/accounts/credential_cache.h) compares
-- it with the generation an entry was read at, so a revocation committed by any
-- server is refused on the very next request on every server.
CREATE TABLE credentials_generation (
  id INTEGER PRIMARY KEY,
  generation BIGINT NOT NULL
);
INSERT INTO credentials_generation (id, generation) VALUES (1, 1);
