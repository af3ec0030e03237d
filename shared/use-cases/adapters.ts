/**
 * The adapters a function may name (its route's `adapters`, or its trigger's) and how it may use
 * each. A module of names only, with no imports, so that a route declaration can be read where
 * the stores cannot run: the web console draws its phase forms from the route declarations.
 * `deps.ts` holds this list and the `Deps` it wires to the same names.
 */

/** Adapters over the one table: a function reads it, or reads and writes it. */
const TABLE_ADAPTERS = [
  'departments',
  'projects',
  'documents',
  'idempotency',
  'annualPlans',
  'calendar',
  'tasks',
  'obligations',
  'findings',
  'records',
  'register',
  'dossiers',
  'notifications',
] as const;
export type TableAdapter = (typeof TABLE_ADAPTERS)[number];
export const isTableAdapter = (name: string): name is TableAdapter =>
  (TABLE_ADAPTERS as readonly string[]).includes(name);

/**
 * Documents' bytes (presigned), their inspection on arrival, the workflows, the escalation topic;
 * the dossiers' archives, their signing keys and their builds (ART33); the morning's reminder
 * digests (published to the same topic).
 */
type ServiceAdapter =
  | 'objects'
  | 'inspector'
  | 'workflows'
  | 'notices'
  | 'dossierArchive'
  | 'dossierSigner'
  | 'dossierBuilds'
  | 'digests';

export type Adapter = TableAdapter | ServiceAdapter;

/**
 * How a function uses each adapter it names, which is what its IAM grants follow
 * (infra/constructs/grants.ts): the table read, or read and written; documents' bytes presigned
 * (objects) or inspected on arrival (inspector); workflows started, or their waiting steps
 * answered, or both after looking an execution up (repair, by the sweep); the escalation topic
 * published to; dossiers' archives built (documents read, the archive written) or downloaded
 * (presigned); their manifests signed, or the public keys published; their builds started.
 */
export type AccessLevel<K extends Adapter> = K extends TableAdapter
  ? 'read' | 'write'
  : K extends 'objects'
    ? 'presign'
    : K extends 'inspector'
      ? 'inspect'
      : K extends 'workflows'
        ? 'start' | 'answer' | 'repair'
        : K extends 'dossierArchive'
          ? 'build' | 'download'
          : K extends 'dossierSigner'
            ? 'sign' | 'publish'
            : K extends 'dossierBuilds'
              ? 'start'
              : 'publish';
export type Adapters = { readonly [K in Adapter]?: AccessLevel<K> };

/**
 * The adapters of a function that serves several routes (one Lambda per resource folder): every
 * adapter any of them names, the table at the strongest use (a write includes the reads). Starting
 * workflows and answering their steps are different grants, not a stronger and a weaker one: a
 * folder whose routes declare both is refused here rather than granted one of them silently.
 */
export const unionOfAdapters = (declared: readonly Adapters[]): Adapters => {
  const union: Record<string, string> = {};
  for (const adapters of declared) {
    for (const [name, level] of Object.entries(adapters) as [Adapter, string][]) {
      const held = union[name];
      if (held === undefined || held === level) union[name] = level;
      else if (isTableAdapter(name)) union[name] = 'write';
      else throw new Error(`Routes of one function use ${name} both to ${held} and to ${level}`);
    }
  }
  return union as Adapters;
};
