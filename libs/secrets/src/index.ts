/**
 * Whether a secret or key is fit for production (secret-strength.ts). A lib of its own, with no
 * imports, so that the web process, which may import no domain or platform lib, checks its
 * session secret by the same rules as the API and worker check theirs.
 */
export * from './secret-strength';
