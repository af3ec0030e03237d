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
