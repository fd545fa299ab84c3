-- The login role the API and the worker run as (docs/audit.md, "Database roles"): a member of
-- lcs_runtime, the NOLOGIN group the migrations grant the app's rights to. It owns nothing, so it
-- cannot alter the tables or switch off the audit log's triggers. Run by the db-roles service on
-- every `up` (idempotent), as POSTGRES_USER, which owns the tables and runs the migrations.
\set ON_ERROR_STOP on
SELECT 'CREATE ROLE lcs_runtime NOLOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lcs_runtime') \gexec
SELECT 'CREATE ROLE lcs_app LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lcs_app') \gexec
ALTER ROLE lcs_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
GRANT lcs_runtime TO lcs_app;
