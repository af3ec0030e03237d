/**
 * The single table's secondary indexes (DESIGN.md § Data). Keys are the repositories'
 * business; the data construct creates exactly these. Sparse indexes hold an item only while
 * it carries the index attributes (an open task, an open obligation, an open finding).
 */
export const INDEXES = {
  byDepartment: { name: 'byDepartment', pk: 'GSI1PK', sk: 'GSI1SK' },
  byStage: { name: 'byStage', pk: 'GSI2PK', sk: 'GSI2SK' },
  taskQueue: { name: 'taskQueue', pk: 'GSI3PK', sk: 'GSI3SK' },
  obligationsDue: { name: 'obligationsDue', pk: 'GSI4PK', sk: 'GSI4SK' },
  openFindings: { name: 'openFindings', pk: 'GSI5PK', sk: 'GSI5SK' },
  byType: { name: 'byType', pk: 'GSI6PK', sk: 'GSI6SK' },
  /**
   * The county's register of one year, for reports (GET /v1/reports/*). Keyed on attributes every
   * project item already has (`year`, `code`) and no other item may have both of (the code
   * register keeps its year in its key for this reason), so it is sparse
   * without new attributes and DynamoDB fills it from the projects already stored. It carries
   * only the summary a report reads, so a year of 5,000 projects is one or two query pages.
   */
  byYear: {
    name: 'byYear',
    pk: 'year',
    pkType: 'N',
    sk: 'code',
    include: ['name', 'ownerDeptId', 'stage', 'category', 'totalInvestmentFen', 'approvedBudgetFen'],
  },
  /**
   * The public register (政务公开) of one year of approval: `PUBLIC#<year>`, sorted by the day of
   * approval then the code. Sparse: a project carries the keys only from approval on (the stage
   * table's `public` column), so a draft or a rejected project is never in it. It includes only the
   * attributes the public projection reads (shared/domain/public-register.ts), so what the public
   * route reads cannot carry a document, a person or a finding, whatever the project gains.
   */
  publicRegister: {
    name: 'publicRegister',
    pk: 'GSI7PK',
    sk: 'GSI7SK',
    include: [
      'id',
      'code',
      'name',
      'ownerDeptId',
      'category',
      'stage',
      'totalInvestmentFen',
      'approvedEstimateFen',
      'approvedBudgetFen',
      'acceptedOn',
    ],
  },
} as const;

export interface IndexLayout {
  readonly name: string;
  readonly pk: string;
  readonly sk: string;
  /** The partition key's type; `S` unless named. */
  readonly pkType?: 'S' | 'N';
  /** Non-key attributes the index carries (INCLUDE projection); every attribute when absent. */
  readonly include?: readonly string[];
}
