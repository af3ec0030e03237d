import { useState } from 'preact/hooks';
import { type Department, DepartmentInputSchema, DeptIdSchema } from '#shared/domain/department.schema.ts';
import type { Problem } from '#shared/http/problem.ts';
import { ApiError, api, type Page } from '../api/client.ts';
import { TextField } from '../components/fields.tsx';
import { ProblemList } from '../components/problem-list.tsx';
import { Loading, Section } from '../components/ui.tsx';
import { fieldErrors } from '../components/zod-issues.ts';
import { forgetDepartmentNames } from '../use-department-names.ts';
import { useResource } from '../use-resource.ts';

/** The county's departments and their data-management units (ART09: no unit, no declaration). */
export const DepartmentsPage = () => {
  const list = useResource(() => api.get<Page<Department>>('/v1/departments?limit=200'), []);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [contact, setContact] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem>();

  const save = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    const body = { name, ...(unit || contact ? { dataManagementUnit: { name: unit, contact } } : {}) };
    const parsed = DepartmentInputSchema.safeParse(body);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    if (!DeptIdSchema.safeParse(id).success) found.id = '小写字母、数字和连字符，最多 63 位';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await api.put(`/v1/departments/${id}`, body);
      forgetDepartmentNames();
      list.reload();
    } catch (error) {
      if (error instanceof ApiError) setProblem(error.problem);
    }
  };

  return (
    <>
      <h1>部门</h1>
      {list.loading && <Loading />}
      <ProblemList problem={list.error?.problem} />
      {list.data && (
        <table class="table">
          <caption class="sr-only">部门</caption>
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">名称</th>
              <th scope="col">数据管理机构（第九条）</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((d) => (
              <tr key={d.id}>
                <td>{d.id}</td>
                <td>{d.name}</td>
                <td>
                  {d.dataManagementUnit ? `${d.dataManagementUnit.name}（${d.dataManagementUnit.contact}）` : '未明确'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Section title="登记或修改部门" id="department-form">
        <form onSubmit={save} class="form" aria-label="登记或修改部门">
          <div class="row">
            <TextField id="id" label="部门编号" required value={id} onValue={setId} error={errors.id} />
            <TextField id="dept-name" label="部门名称" required value={name} onValue={setName} error={errors.name} />
          </div>
          <div class="row">
            <TextField
              id="unit"
              label="数据管理机构"
              value={unit}
              onValue={setUnit}
              error={errors['dataManagementUnit.name']}
            />
            <TextField
              id="contact"
              label="联系方式"
              value={contact}
              onValue={setContact}
              error={errors['dataManagementUnit.contact']}
            />
          </div>
          <ProblemList problem={problem} />
          <button type="submit" class="primary">
            保存
          </button>
        </form>
      </Section>
    </>
  );
};
