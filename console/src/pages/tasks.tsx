import { shanghaiDate } from '#shared/domain/calendar.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Task } from '#shared/domain/review.ts';
import { api, type Page } from '../api/client.ts';
import { ProblemList } from '../components/problem-list.tsx';
import { Empty, Loading } from '../components/ui.tsx';
import { daysBetween } from '../i18n/format.ts';
import { label, REVIEW_KINDS_ZH } from '../i18n/zh.ts';
import { Link } from '../router.tsx';
import { useResource } from '../use-resource.ts';

export type TaskView = Task;

/** Due date with its overdue mark, as the county counts days (Asia/Shanghai). */
export const DueDate = ({ task }: { task: Pick<TaskView, 'dueDate' | 'dueProvisional' | 'status'> }) => {
  const late = task.status === 'open' ? daysBetween(task.dueDate, shanghaiDate(new Date())) : 0;
  return (
    <span>
      {task.dueDate}
      {task.dueProvisional && <span class="muted">（暂定）</span>}
      {late > 0 && <span class="badge overdue">已逾期 {late} 天</span>}
    </span>
  );
};

/** The caller's review queue (GET /v1/tasks), earliest due first. */
export const TasksPage = () => {
  const queue = useResource(async () => {
    const page = await api.get<Page<TaskView>>('/v1/tasks?limit=200');
    const ids = [...new Set(page.items.map((t) => t.projectId))];
    const projects = await Promise.all(ids.map((id) => api.get<Project>(`/v1/projects/${id}`).catch(() => undefined)));
    return { tasks: page.items, projects: new Map(projects.filter((p) => p !== undefined).map((p) => [p.id, p])) };
  }, []);
  return (
    <>
      <h1>待办审查</h1>
      <ProblemList problem={queue.error?.problem} />
      {queue.loading && <Loading />}
      {queue.data && queue.data.tasks.length === 0 && <Empty>暂无待办审查。</Empty>}
      {queue.data && queue.data.tasks.length > 0 && (
        <table class="table">
          <caption class="sr-only">待办审查</caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              <th scope="col">审查事项</th>
              <th scope="col">期限</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {queue.data.tasks.map((task) => {
              const project = queue.data?.projects.get(task.projectId);
              return (
                <tr key={task.id}>
                  <td>{project ? `${project.code} ${project.name}` : task.projectId}</td>
                  <td>{label(REVIEW_KINDS_ZH, task.kind)}</td>
                  <td>
                    <DueDate task={task} />
                  </td>
                  <td>
                    <Link href={`/tasks/${encodeURIComponent(task.id)}`}>
                      办理<span class="sr-only">{project?.code}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
};
