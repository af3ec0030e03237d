/**
 * Every enforceable article of the measures as a stable rule code (../shared/RULES.md).
 * Codes are part of the API contract: never rename one. Messages are what a refusal says.
 */
export const RULES = {
  'ART02-SCOPE-CLASSIFIED': {
    article: 2,
    message: 'A classified project is outside these measures and cannot be registered.',
    messageZh: '涉密项目不属于本办法所称政务数据项目，不予登记。',
  },
  'ART02-SCOPE-KIND': {
    article: 2,
    message: 'Category, construction type or funding mode is not one of those the measures cover.',
    messageZh: '项目类别、建设性质或投资方式不属于本办法规定的范围。',
  },
  'ART04-ROLE': {
    article: 4,
    message: 'This action is taken only by the body the measures name for it.',
    messageZh: '该操作只能由办法规定的职责部门办理。',
  },
  'ART06-ANNUAL-PLAN': {
    article: 6,
    message: "The project is not in the county's approved annual project plan for its year.",
    messageZh: '项目未列入本年度政务数据项目年度计划。',
  },
  'ART07-NO-INTEROP': {
    article: 7,
    message: 'The declaration must state how the system interconnects, shares data and collaborates.',
    messageZh: '申报须说明互联互通、数据共享、业务协同方式；无法实现的不再批准建设。',
  },
  'ART07-FORBIDDEN-SCOPE': {
    article: 7,
    message: 'Data centres, machine rooms and cloud platforms are not approved.',
    messageZh: '数据中心、机房、云平台建设等不予批准建设。',
  },
  'ART07-POLICY-CONFLICT': {
    article: 7,
    message: 'The project conflicts with national, provincial or municipal sharing and consolidation policy.',
    messageZh: '与国家和省市级政务资源共享和集约化建设相关政策相违背的，不予立项。',
  },
  'ART07-DISGUISED': {
    article: 7,
    message: 'A data project may not be disguised or folded into another project.',
    messageZh: '不得将政务数据项目变相包装或纳入其他项目进行建设。',
  },
  'ART07-NO-BUILD-BEFORE-APPROVAL': {
    article: 7,
    message: 'Construction cannot start before approval, except for emergency projects (article 15).',
    messageZh: '不得未批先建政务数据项目（第十五条紧急项目除外）。',
  },
  'ART07-OM-FUNDING': {
    article: 7,
    message: 'A system not migrated to the government cloud or not sharing data as declared gets no O&M funds.',
    messageZh: '未按要求进行迁移上云、业务协同和数据共享的，不再拨付运维经费。',
  },
  'ART08-COUNTY-SHARE': {
    article: 8,
    message: "A city–county co-built project states the county's share, which cannot exceed the total investment.",
    messageZh: '市县协同建设项目须明确县级承担的资金，且不得超过总投资。',
  },
  'ART09-DATA-UNIT': {
    article: 9,
    message: 'The department must designate its internal data-management unit before it declares.',
    messageZh: '县直部门须明确承担政务数据管理职责的内设机构后方可申报。',
  },
  'ART10-HEAD-SIGNOFF': {
    article: 10,
    message:
      'The department head must sign the internal compliance review before the declaration leaves the department.',
    messageZh: '项目申报前须经部门主要负责人签署内部合规性、合理性审核。',
  },
  'ART11-JOINT-DECLARATION': {
    article: 11,
    message: 'A cross-department project is submitted by the lead department after every co-builder confirms.',
    messageZh: '跨部门共建项目须各共建部门确认后，由牵头部门统一报送。',
  },
  'ART12-DEMAND-DOCS': {
    article: 12,
    message: 'The declaration needs verified collective-decision minutes, construction plan and expert opinion.',
    messageZh: '申报须附“三重一大”集体决策、建设方案和专家论证意见。',
  },
  'ART13-TECH-REVIEW': {
    article: 13,
    message: "The Data Bureau's technical review comes before any approval.",
    messageZh: '须经县数据局技术审核。',
  },
  'ART13-PROJECT-APPROVAL': {
    article: 13,
    message:
      'A key project or one involving engineering construction is approved by the Administrative Approval Bureau.',
    messageZh: '列入省市重点工程或涉及工程建设的项目须经县行政审批服务管理局审批立项。',
  },
  'ART14-FINANCE-REVIEW': {
    article: 14,
    message: 'A total investment of 600,000 CNY or more goes to the Finance Bureau budget review.',
    messageZh: '项目投资规模达60万元以上的，须经县财政局财政预算评审。',
  },
  'ART14-BUDGET-FILING': {
    article: 14,
    message: 'The budget approval is filed with the Data Bureau within 3 working days of receiving it.',
    messageZh: '收到预算批复三个工作日内须向县数据局报备。',
  },
  'ART15-EMERGENCY': {
    article: 15,
    message: 'An emergency project may build first; every skipped procedure stays open until done.',
    messageZh: '紧急建设项目可先行建设，边建设边办理相关手续。',
  },
  'ART26-GOV-CLOUD': {
    article: 26,
    message: 'Deploy on the county government cloud; a public cloud needs a risk assessment and a migration plan.',
    messageZh: '原则上依托政务云部署；采用公有云的须开展安全风险评估并制定迁移计划。',
  },
  'ART29-FILING': {
    article: 29,
    message: 'The completion-acceptance report is filed within 30 working days; until then no further funds.',
    messageZh: '竣工验收合格后30个工作日内须备案，未备案的不得拨付后续建设资金和运维经费。',
  },
  'ART33-RECORDS': {
    article: 33,
    message: 'Every record and decision is kept, attributable and tamper-evident.',
    messageZh: '项目资料须如实提供，不得隐匿、瞒报。',
  },
} as const satisfies Record<string, { article: number; message: string; messageZh: string }>;

export type RuleCode = keyof typeof RULES;
