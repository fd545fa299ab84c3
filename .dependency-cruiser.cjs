/**
 * The import boundaries, checked by `npm run lint:boundaries` (a step of `npm test`):
 *   - no import cycles, anywhere in apps/ and libs/ (type-only imports count: an `import type`
 *     ties two files as much as a value does for a reader);
 *   - each lib imports only the libs listed for it below, through their index (`@app/<lib>`), so
 *     the libs form layers and a new arrow running back up fails the check;
 *   - libs never import apps; apps never import each other; the web process talks to the API
 *     over HTTP only, so it may use only the libs without domain or database code.
 * The layers, bottom up (docs/architecture.md):
 *   secrets, shutdown, i18n, api-client → common → database → audit, events → notifications, documents →
 *   deadlines, auth → agencies → fees → complaints, welfare → apps.
 * Model: Sairyss/domain-driven-hexagon's .dependency-cruiser.js.
 */
/** Unit tests may reach across a boundary to compare two sides (e.g. the web's upload rules with the API's); cycles still count. */
const SPEC = '\\.spec\\.ts$';

const LIBS = {
  secrets: [],
  shutdown: [],
  i18n: [],
  'api-client': [],
  common: ['secrets', 'shutdown'],
  database: ['common'],
  audit: ['common', 'database'],
  events: ['common', 'database'],
  notifications: ['audit', 'common', 'database', 'i18n'],
  documents: ['audit', 'common', 'database'],
  deadlines: ['audit', 'common', 'database', 'notifications'],
  auth: ['audit', 'common', 'database', 'notifications'],
  agencies: ['audit', 'auth', 'common', 'database', 'deadlines', 'documents', 'i18n', 'notifications'],
  fees: ['agencies', 'audit', 'auth', 'common', 'database', 'deadlines', 'events', 'i18n', 'notifications'],
  complaints: ['agencies', 'audit', 'auth', 'common', 'database', 'deadlines', 'documents', 'events', 'fees', 'i18n', 'notifications'],
  welfare: ['agencies', 'audit', 'auth', 'common', 'database', 'deadlines', 'documents', 'fees', 'i18n', 'notifications'],
};

const libRules = Object.entries(LIBS).map(([lib, allowed]) => ({
  name: `lib-${lib}`,
  comment: `libs/${lib} may import ${allowed.length ? allowed.map((l) => `libs/${l}`).join(', ') : 'no other lib'} (.dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: `^libs/${lib}/`, pathNot: SPEC },
  to: { path: '^libs/', pathNot: `^libs/(${[lib, ...allowed].join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: move what both sides need into a lower module (docs/contributing.md).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...libRules,
    {
      name: 'libs-not-apps',
      comment: 'A lib never imports an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-apart',
      comment: 'An app never imports another app.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'web-over-http',
      comment: 'The web process reaches the data through the API only: of the libs, it may use api-client, i18n, secrets and shutdown.',
      severity: 'error',
      from: { path: '^apps/web/', pathNot: SPEC },
      to: { path: '^libs/', pathNot: '^libs/(api-client|i18n|secrets|shutdown)/' },
    },
    {
      name: 'web-no-data-drivers',
      comment: "The web process holds no database connection, queue or mailer: those are the API's and the worker's.",
      severity: 'error',
      // The libs the web may use are held to it too: a driver cannot come in through them.
      from: { path: '^(apps/web|libs/(api-client|i18n|secrets|shutdown))/' },
      to: { path: '^node_modules/(typeorm|pg|@nestjs/typeorm|bullmq|@nestjs/bullmq|argon2|nodemailer)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to no file (a typo, or a package missing from package.json).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    includeOnly: '^(apps|libs|node_modules)/',
    exclude: { path: '^(dist|\\.data)/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
