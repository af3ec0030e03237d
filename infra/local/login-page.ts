import * as z from 'zod';
import { DeptIdSchema } from '#shared/domain/department.schema.ts';
import { ROLES, RoleSchema } from '#shared/domain/roles.ts';
import { ROLES_ZH } from '../../console/src/i18n/zh.ts';
import type { Account } from './identity-store.ts';

interface Preset extends Account {
  readonly title: string;
}

/** People a newcomer tries the system as (the console offered the same list before it signed in through OIDC). */
export const PRESETS: readonly Preset[] = [
  { title: '县教育局 · 经办人', roles: ['dept-staff'], dept: 'edu', name: '张三' },
  { title: '县教育局 · 主要负责人', roles: ['dept-head'], dept: 'edu', name: '李局长' },
  { title: '县数据局 · 技术审核', roles: ['data-bureau'], dept: 'data-bureau', name: '王审查' },
  { title: '县行政审批局', roles: ['approval-bureau'], dept: 'approval-bureau', name: '赵审批' },
  { title: '县财政局', roles: ['finance'], dept: 'finance', name: '钱科长' },
  { title: '县发展和改革局 · 竣工验收', roles: ['drc'], dept: 'drc', name: '周科长' },
  { title: '县公安局 · 等级保护', roles: ['public-security'], dept: 'public-security', name: '吴警官' },
  { title: '县审计局', roles: ['audit'], dept: 'audit', name: '孙审计' },
  { title: '系统管理员', roles: ['admin'], name: '管理员' },
];

/** What the login form may post: a preset by its position, or an identity of one's own. */
export const LoginSchema = z.union([
  z
    .object({
      preset: z.coerce
        .number()
        .int()
        .min(0)
        .max(PRESETS.length - 1),
    })
    .strict(),
  z
    .object({
      role: z.union([RoleSchema, z.array(RoleSchema).min(1).max(ROLES.length)]),
      dept: z.union([z.literal(''), DeptIdSchema]).optional(),
      name: z.string().trim().max(100).optional(),
    })
    .strict(),
]);

/** The person a valid login form names, and the subject their tokens carry. */
export const accountOf = (login: z.infer<typeof LoginSchema>): { sub: string; account: Account } => {
  const account: Account =
    'preset' in login
      ? (({ title: _title, ...preset }) => preset)(PRESETS[login.preset] as Preset)
      : {
          roles: [login.role].flat(),
          name: login.name || '本地用户',
          ...(login.dept ? { dept: login.dept } : {}),
        };
  return { sub: `${account.dept ?? 'county'}-${account.roles.join('+')}-${account.name}`, account };
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The page's own policy: no script at all, styles and fonts from this origin, forms post to this origin only. */
export const LOGIN_PAGE_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// The console's own stylesheet (and with it the Noto Sans SC faces it bundles) gives the page the
// console's look; these few rules are the page's own.
const STYLE = '.presets{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem}';

const layout = (title: string, body: string, stylesheets: readonly string[]) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')}
<style>${STYLE}</style></head>
<body><main id="main" class="sign-in">${body}</main></body></html>`;

/**
 * The local identity provider's login page: choose who to be (no passwords: it is this machine's
 * stand-in for the county's unified identity service, and refuses to be anything else by its issuer).
 */
export const loginPage = (uid: string, stylesheets: readonly string[], problem?: string) =>
  layout(
    '陵川县统一身份认证（本机）',
    `<h1>陵川县统一身份认证（本机）</h1>
<p class="muted">本机运行的身份认证服务：选择身份后签发令牌（部署后由县统一身份认证登录）。</p>
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ''}
<form class="card" method="post" action="/oidc/interaction/${escapeHtml(uid)}/login" aria-labelledby="presets-title">
<h2 id="presets-title">常用身份</h2>
<ul class="presets">${PRESETS.map((preset, i) => `<li><button type="submit" name="preset" value="${i}">${escapeHtml(preset.title)}</button></li>`).join('')}</ul>
</form>
<form class="card" method="post" action="/oidc/interaction/${escapeHtml(uid)}/login" aria-labelledby="custom-title">
<h2 id="custom-title">自定义身份</h2>
<fieldset><legend>角色（可多选）</legend><div class="checks">
${ROLES.map((role) => `<label><input type="checkbox" name="role" value="${role}"${role === 'dept-staff' ? ' checked' : ''}> ${escapeHtml(ROLES_ZH[role] ?? role)}</label>`).join('\n')}
</div></fieldset>
<div class="row">
<div class="field"><label for="local-dept">部门编号</label><input id="local-dept" name="dept" value="edu" pattern="[a-z0-9][a-z0-9\\-]{0,62}"></div>
<div class="field"><label for="local-name">姓名</label><input id="local-name" name="name" value="张三" maxlength="100"></div>
</div>
<button type="submit" class="primary">登录</button>
</form>`,
    stylesheets,
  );

export const errorPage = (message: string, stylesheets: readonly string[] = []) =>
  layout(
    '登录出错',
    `<h1>登录出错</h1><p class="problem" role="alert">${escapeHtml(message)}</p><p><a href="/">返回控制台</a></p>`,
    stylesheets,
  );
