import type { Session } from '../auth/session.ts';
import { ProjectForm } from '../components/project-form.tsx';
import { navigate } from '../router.tsx';

export const NewProjectPage = ({ session }: { session: Session }) => (
  <>
    <h1>申报新项目</h1>
    <p class="muted">先登记项目，再上传申报材料、由主要负责人签署后提交。</p>
    <ProjectForm ownerDeptId={session.claims.dept ?? ''} onSaved={(project) => navigate(`/projects/${project.id}`)} />
  </>
);
