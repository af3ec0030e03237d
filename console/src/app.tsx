import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { whenUnauthenticated } from './api/client.ts';
import {
  COUNTY_WATCHERS,
  clearSession,
  hasRole,
  isDepartmentUser,
  loadSession,
  REVIEWERS,
  type Session,
} from './auth/session.ts';
import { NotificationBell } from './components/notification-bell.tsx';
import { Loading } from './components/ui.tsx';
import type { ConsoleConfig } from './config.ts';
import { label, ROLES_ZH } from './i18n/zh.ts';
import { CallbackPage } from './pages/callback.tsx';
import { DepartmentsPage } from './pages/departments.tsx';
import { DossiersPage } from './pages/dossiers.tsx';
import { HomePage } from './pages/home.tsx';
import { NewProjectPage } from './pages/new-project.tsx';
import { NotificationsPage } from './pages/notifications.tsx';
import { ProjectPage } from './pages/project.tsx';
import { ProjectsPage } from './pages/projects.tsx';
import { PublicRegisterPage, PublicRegisterShell } from './pages/public-register.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { TaskPage } from './pages/task.tsx';
import { TasksPage } from './pages/tasks.tsx';
import { Link, match, navigate, useLocation } from './router.tsx';
import { useDepartmentNames } from './use-department-names.ts';

// The two heavy pages load their own chunk (ECharts, Redoc) only when someone opens them.
const DashboardPage = lazy(() => import('./dashboard/dashboard-page.tsx').then((m) => m.DashboardPage));
const ApiReferencePage = lazy(() => import('./pages/api-reference.tsx').then((m) => m.ApiReferencePage));

/** 公开项目 (政务公开): the one page anyone reaches without signing in. */
const PUBLIC_REGISTER = '/public-projects';

const Nav = ({ session }: { session: Session }) => (
  <nav aria-label="主导航">
    <ul class="nav">
      <li>
        <Link href="/">首页</Link>
      </li>
      <li>
        <Link href="/projects">项目</Link>
      </li>
      {hasRole(session, ...REVIEWERS) && (
        <li>
          <Link href="/tasks">待办审查</Link>
        </li>
      )}
      {hasRole(session, ...COUNTY_WATCHERS) && (
        <li>
          <Link href="/dashboard">全县看板</Link>
        </li>
      )}
      {hasRole(session, 'admin', 'data-bureau') && (
        <li>
          <Link href="/departments">部门</Link>
        </li>
      )}
      {hasRole(session, 'audit', 'data-bureau', 'admin') && (
        <li>
          <Link href="/dossiers">审计档案</Link>
        </li>
      )}
      <li>
        <Link href={PUBLIC_REGISTER}>公开项目</Link>
      </li>
      <li>
        <Link href="/api-docs">接口文档</Link>
      </li>
    </ul>
  </nav>
);

const Routes = ({ path, session }: { path: string; session: Session }) => {
  if (path.split('?')[0] === '/') return <HomePage session={session} />;
  if (match('/projects', path)) return <ProjectsPage session={session} />;
  if (match('/projects/new', path) && isDepartmentUser(session)) return <NewProjectPage session={session} />;
  const project = match('/projects/:id', path);
  if (project) return <ProjectPage id={project.id ?? ''} session={session} />;
  if (match('/tasks', path)) return <TasksPage />;
  const task = match('/tasks/:id', path);
  if (task) return <TaskPage id={task.id ?? ''} session={session} />;
  if (match('/dashboard', path)) return <DashboardPage />;
  if (match('/departments', path)) return <DepartmentsPage />;
  if (match('/dossiers', path)) return <DossiersPage />;
  if (match('/api-docs', path)) return <ApiReferencePage />;
  if (match(PUBLIC_REGISTER, path)) return <PublicRegisterPage />;
  if (match('/notifications', path)) return <NotificationsPage />;
  return <p>页面不存在。</p>;
};

/** Who is signed in: name, department by its name, roles. */
const Who = ({ session }: { session: Session }) => {
  const deptName = useDepartmentNames();
  const { name, sub, dept, roles } = session.claims;
  return (
    <span>
      {name ?? sub}
      {dept ? ` · ${deptName(dept)}` : ''}（{roles.map((r) => label(ROLES_ZH, r)).join('、')}）
    </span>
  );
};

export const App = ({ config }: { config: ConsoleConfig }) => {
  const path = useLocation();
  const [session, setSession] = useState<Session | null>(loadSession);
  useEffect(() => whenUnauthenticated(() => setSession(null)), []);

  if (match('/callback', path)) {
    return <CallbackPage config={config} onSignedIn={setSession} />;
  }
  if (!session) return match(PUBLIC_REGISTER, path) ? <PublicRegisterShell /> : <SignInPage config={config} />;

  const signOut = () => {
    clearSession();
    setSession(null);
    navigate('/', true);
  };
  return (
    <>
      <a class="skip" href="#main">
        跳到主要内容
      </a>
      <header class="top">
        <div class="brand">
          <span class="emblem" aria-hidden="true">
            陵
          </span>
          <span>陵川县政务数据项目管理平台</span>
        </div>
        <Nav session={session} />
        <div class="who">
          <NotificationBell />
          <Who session={session} />
          <button type="button" class="link" onClick={signOut}>
            退出
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Routes path={path} session={session} />
        </Suspense>
      </main>
    </>
  );
};
