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
    message:
      "A city–county co-built project states the county's share of construction and of O&M funds; neither can exceed the total investment.",
    messageZh: '市县协同建设项目须明确县级承担的建设资金和运维经费，且均不得超过总投资。',
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
  'ART16-PROCUREMENT-PLAN': {
    article: 16,
    message: 'The procurement plan is filed and the procurement notice published before a contract is recorded.',
    messageZh: '须报备政府采购计划并公开采购信息后方可签订合同。',
  },
  'ART17-WITHIN-BUDGET': {
    article: 17,
    message: 'Procurement and contract amounts never exceed the approved budget.',
    messageZh: '采购资金不得超出采购预算。',
  },
  'ART17-NO-BUILD-BEFORE-TENDER': {
    article: 17,
    message: 'Construction cannot start before procurement is complete and the contract signed.',
    messageZh: '严禁“未招先建”：完成采购并签订合同后方可开工建设。',
  },
  'ART18-QUALIFICATION': {
    article: 18,
    message:
      "The winning vendor's qualifications are checked and recorded; a non-classified project may not demand classified-work qualifications.",
    messageZh: '须做好投标单位资质审核；非涉密项目不得违规设定承建方涉密资质要求。',
  },
  'ART18-NO-SUBCONTRACT': {
    article: 18,
    message: 'The contract may not be transferred, nor subcontracted to an unqualified party.',
    messageZh: '中标单位不得转包，不得将项目分包给无资质单位建设。',
  },
  'ART19-RESPONSIBLE': {
    article: 19,
    message: 'An implementing body and a named responsible person exist before construction.',
    messageZh: '建设期应当确定项目实施机构和项目责任人。',
  },
  'ART20-BASELINE': {
    article: 20,
    message: 'Progress, cost and quality at each milestone are compared with the approved baseline.',
    messageZh: '做好项目关键节点的进度、成本、质量对照分析，发现与计划不符的要及时纠偏。',
  },
  'ART21-ASSETS': {
    article: 21,
    message: 'Assets formed by the project are registered in the state-asset system before acceptance completes.',
    messageZh: '项目形成的固定资产与无形资产应全部纳入行政事业单位资产管理信息系统。',
  },
  'ART22-CHANGE-FILING': {
    article: 22,
    message:
      'A change within the approved estimate, goal unchanged, adjusting at most 10% of it, for a listed reason, is filed with the Data Bureau.',
    messageZh: '未超出概算批复、建设目标不变、调整资金不超过概算总投资10%且符合规定情形的变更，报县数据局备案。',
  },
  'ART22-REAPPROVAL': {
    article: 22,
    message: 'Any other change is declared again through the approval procedure.',
    messageZh: '不符合备案情形的变更，应当按照项目审批流程重新申报。',
  },
  'ART23-SUPERVISION': {
    article: 23,
    message: 'A qualified IT engineering supervision unit is under contract before construction starts.',
    messageZh: '实行信息系统工程监理制，须委托有相应资质的工程监理单位。',
  },
  'ART24-SECURITY': {
    article: 24,
    message:
      "MLPS filing, security testing and commercial-crypto assessment are on record before acceptance, and the department's security emergency plan is drilled.",
    messageZh: '须落实网络安全等级保护、开展网络安全测评和密码应用安全性评估，并定期组织应急预案演练。',
  },
  'ART25-CONFIDENTIALITY': {
    article: 25,
    message: 'Confidentiality agreements with the contractor and its staff are on record before construction.',
    messageZh: '须与承建单位及相关人员签订保密协议和保密承诺书。',
  },
  'ART26-GOV-CLOUD': {
    article: 26,
    message:
      'Deploy on the county government cloud; a public cloud or on-premise deployment needs a risk assessment and a migration plan.',
    messageZh: '原则上依托政务云部署；采用公有云或自建部署的须开展安全风险评估并制定迁移上云计划。',
  },
  'ART27-ACCEPTANCE-DEADLINE': {
    article: 27,
    message: 'Acceptance is completed within six months of completion.',
    messageZh: '政务数据项目建成后半年内完成项目验收。',
  },
  'ART27-ACCEPTANCE-ORDER': {
    article: 27,
    message:
      'Preliminary acceptance by the owner, then technical acceptance by the Data Bureau, then (for approved projects) completion acceptance by the Development & Reform bureau.',
    messageZh: '先由建设单位初步验收，再由县数据局技术验收；经审批立项的项目再由县发展改革和科技局竣工验收。',
  },
  'ART28-ACCEPTANCE-EVIDENCE': {
    article: 28,
    message:
      'Acceptance examines self-controllability, crypto application, security review, the software test, the resource-sharing catalogue and data landing.',
    messageZh: '安全自主可控、密码应用、安全审查、软件测评、资源共享目录清单及数据落盘情况是验收的重要内容。',
  },
  'ART29-FILING': {
    article: 29,
    message: 'The completion-acceptance report is filed within 30 working days; until then no further funds.',
    messageZh: '竣工验收合格后30个工作日内须备案，未备案的不得拨付后续建设资金和运维经费。',
  },
  'ART30-SELF-EVALUATION': {
    article: 30,
    message: 'A performance self-evaluation follows acceptance.',
    messageZh: '验收完成后应开展项目绩效自评。',
  },
  'ART32-DECOMMISSION': {
    article: 32,
    message:
      'Decommissioning needs expert argumentation and then a collective decision, and is filed with the Data Bureau.',
    messageZh: '系统停用报废须经专家论证、集体决策，并在县数据局停用备案。',
  },
  'ART32-DISPOSAL-REPORT': {
    article: 32,
    message: 'The disposal report reaches the Data Bureau within 30 days of decommissioning.',
    messageZh: '停用报废30日内将资产处置情况说明报县数据局。',
  },
  'ART33-RECORDS': {
    article: 33,
    message: 'Every record and decision is kept, attributable and tamper-evident.',
    messageZh: '项目资料须如实提供，不得隐匿、瞒报。',
  },
  'ART35-VALIDITY': {
    article: 35,
    message: 'The measures apply from 2024-09-20 for five years.',
    messageZh: '本办法自2024年9月20日起施行，有效期五年。',
  },
} as const satisfies Record<string, { article: number; message: string; messageZh: string }>;

export type RuleCode = keyof typeof RULES;

export const RULE_CODES = Object.keys(RULES) as [RuleCode, ...RuleCode[]];
