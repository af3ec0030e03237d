import { addCalendarDays, shanghaiDate } from '#shared/domain/calendar.ts';

/** Today in Lingchuan: bodies never name a date or a year a moving today could overtake (issue #22 item 8). */
const lingchuanToday = () => shanghaiDate(new Date());

/** A declaration that breaks no rule, for tests and benches; `overrides` change what a case is about. */
export const projectBody = (overrides: Record<string, unknown> = {}) => ({
  name: '县社会治理综合指挥平台',
  year: Number(lingchuanToday().slice(0, 4)),
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

/**
 * A declared emergency (ART15): the kind of sudden event, the event itself, why it cannot wait.
 * `occurredOn` defaults to ten days before today: the declaration only requires a date.
 */
export const emergencyBody = (overrides: Record<string, unknown> = {}) => ({
  eventType: 'natural-disaster',
  event: { name: '特大暴雨', occurredOn: addCalendarDays(lingchuanToday(), -10) },
  justification: '暴雨灾后应急指挥系统',
  ...overrides,
});
