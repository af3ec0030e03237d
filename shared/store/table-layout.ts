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
} as const;
