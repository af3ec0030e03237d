import { api, type Page } from '../api/client.ts';
import { type NotificationView, notificationsChanged } from '../components/notification-bell.tsx';
import { ProblemList } from '../components/problem-list.tsx';
import { Empty, Loading, Rule } from '../components/ui.tsx';
import { label, NOTIFICATION_KINDS_ZH } from '../i18n/zh.ts';
import { navigate } from '../router.tsx';
import { useAction } from '../use-action.ts';
import { useResource } from '../use-resource.ts';

/** Where the duty is done: the review task's page, or the project's page (its duties are listed there). */
const whereDone = (n: NotificationView) =>
  n.taskId ? `/tasks/${encodeURIComponent(n.taskId)}` : `/projects/${encodeURIComponent(n.projectId)}`;

/** The signed-in person's notifications (GET /v1/notifications), newest morning first; reading one marks it read for them. */
export const NotificationsPage = () => {
  const list = useResource(() => api.get<Page<NotificationView>>('/v1/notifications?limit=200'), []);
  const action = useAction();
  const markRead = async (n: NotificationView) => {
    const done = await action.run(() => api.post(`/v1/notifications/${encodeURIComponent(n.id)}/read`));
    if (done === undefined) return false;
    notificationsChanged();
    return true;
  };
  return (
    <>
      <h1>通知</h1>
      <ProblemList problem={list.error?.problem ?? action.problem} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <Empty>暂无通知。</Empty>}
      {list.data && list.data.items.length > 0 && (
        <table class="table notifications">
          <caption class="sr-only">通知</caption>
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">依据</th>
              <th scope="col">期限</th>
              <th scope="col">状态</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((n) => (
              <tr
                key={n.id}
                class={n.read ? 'read' : 'unread'}
                data-notification={n.id}
                data-subject={n.taskId ?? n.key ?? ''}
              >
                <td>
                  {label(NOTIFICATION_KINDS_ZH, n.kind)}
                  <span class="muted">（{n.taskId ?? n.key ?? n.projectId}）</span>
                </td>
                <td>
                  <Rule code={n.code} />
                </td>
                <td>{n.dueDate}</td>
                <td>{n.read ? '已读' : <span class="badge overdue">未读</span>}</td>
                <td>
                  <div class="actions">
                    <a
                      href={whereDone(n)}
                      onClick={async (event) => {
                        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                        event.preventDefault();
                        if (!n.read) await markRead(n);
                        navigate(whereDone(n));
                      }}
                    >
                      去办理
                    </a>
                    {!n.read && (
                      <button
                        type="button"
                        class="link"
                        disabled={action.busy}
                        onClick={async () => {
                          if (await markRead(n)) list.reload();
                        }}
                      >
                        标为已读
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
};
