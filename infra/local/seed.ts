import { mintToken } from './issuer.ts';

/**
 * Departments a newcomer's first declaration needs: the sign-in page's 县教育局 preset declares
 * with dept `edu`, and a county registers each department with its data-management unit before
 * it may submit (ART09). On a first `npm start` the local administrator registers it, and one
 * possible co-builder, through the public API as anyone would; a department already there is left
 * as it is. Tests start their own runtime and never see this.
 */
const DEPARTMENTS = [
  { id: 'edu', name: '县教育局', dataManagementUnit: { name: '教育信息中心', contact: '0356-6200000' } },
  { id: 'health', name: '县卫生健康局', dataManagementUnit: { name: '卫生健康信息股', contact: '0356-6200001' } },
];

export const seedDepartments = async (url: string, dataDir: string): Promise<string[]> => {
  const token = await mintToken(dataDir, { sub: 'local-seed', name: '本地初始化', roles: ['admin'] });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listed = await fetch(`${url}/v1/departments?limit=200`, { headers });
  if (!listed.ok) throw new Error(`GET /v1/departments answered ${listed.status}`);
  const present = new Set(((await listed.json()) as { items: { id: string }[] }).items.map((d) => d.id));
  const added: string[] = [];
  for (const { id, ...body } of DEPARTMENTS) {
    if (present.has(id)) continue;
    const put = await fetch(`${url}/v1/departments/${id}`, { method: 'PUT', headers, body: JSON.stringify(body) });
    if (!put.ok) throw new Error(`PUT /v1/departments/${id} answered ${put.status}: ${await put.text()}`);
    added.push(body.name);
  }
  return added;
};
