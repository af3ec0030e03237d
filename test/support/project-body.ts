/** A declaration that breaks no rule, for tests and benches; `overrides` change what a case is about. */
export const projectBody = (overrides: Record<string, unknown> = {}) => ({
  name: '县社会治理综合指挥平台',
  year: 2026,
  category: 'application-system',
  constructionType: 'new',
  fundingMode: 'government-invested',
  classified: false,
  totalInvestmentFen: 58_000_000,
  keyProject: false,
  involvesConstruction: false,
  coBuilderDeptIds: [],
  cityCountyCoBuild: null,
  emergency: null,
  scope: { dataCentre: false, machineRoom: false, cloudPlatform: false },
  interop: {
    interconnection: '接入县政务外网',
    dataSharing: '向共享平台提供目录数据',
    businessCollaboration: '与指挥中心联动',
  },
  deployment: { target: 'gov-cloud' },
  ...overrides,
});
