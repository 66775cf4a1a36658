import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, type ArticleAction, type ArticleStatus, type BuiltinRoleCode } from '@kefu/contracts';
import type { KbArticleRow } from '../../db/schema-knowledge.js';
import type { Actor } from '../../platform/actor.js';
import { knowledgePolicy } from './knowledge.policy.js';

function actorOf(role: BuiltinRoleCode, userId = 7): Actor {
  const definition = BUILTIN_ROLES.find((candidate) => candidate.code === role)!;
  return {
    userId,
    username: role,
    displayName: role,
    locale: 'zh-CN',
    departmentId: null,
    departmentPath: null,
    permissions: new Set(definition.permissions),
    dataScope: definition.dataScope,
    via: { kind: 'session', sessionId: 1, csrfToken: 'x' },
  };
}

function article(status: ArticleStatus, options: { published?: boolean; submittedBy?: number } = {}): KbArticleRow {
  return { id: 1, status, published_version: options.published ? 1 : null, submitted_by: options.submittedBy ?? 99 } as KbArticleRow;
}

/** Role × status × ownership → the actions offered (and allowed by the service). */
const MATRIX: Array<[BuiltinRoleCode, ArticleStatus, ArticleAction[]]> = [
  ['agent', 'draft', []],
  ['agent', 'in_review', []],
  ['agent', 'published', []],
  ['team_leader', 'draft', ['submit']],
  ['team_leader', 'in_review', ['withdraw']],
  ['team_leader', 'published', ['revise']],
  ['qa_inspector', 'in_review', ['approve', 'return']],
  ['qa_inspector', 'draft', []],
  ['knowledge_editor', 'draft', ['submit', 'archive']],
  ['knowledge_editor', 'in_review', ['withdraw']],
  ['knowledge_editor', 'published', ['revise', 'archive']],
  ['knowledge_editor', 'archived', ['restore']],
  ['department_head', 'in_review', ['withdraw', 'approve', 'return']],
  ['center_director', 'published', ['revise', 'archive']],
  ['back_office', 'published', []],
  ['account_manager', 'in_review', []],
];

describe('knowledge policy matrix (role × status × ownership)', () => {
  it.each(MATRIX)('%s on a %s article may %j', (role, status, actions) => {
    expect(knowledgePolicy.allowedActions(actorOf(role), article(status))).toEqual(actions);
  });

  it('takes review actions away from whoever submitted the article', () => {
    const head = actorOf('department_head', 42);
    expect(knowledgePolicy.allowedActions(head, article('in_review', { submittedBy: 42 }))).toEqual(['withdraw']);
  });

  it('lets readers see only what is published and not archived; working roles see everything', () => {
    const agent = actorOf('agent');
    expect(knowledgePolicy.maySee(agent, article('draft'))).toBe(false);
    expect(knowledgePolicy.maySee(agent, article('in_review'))).toBe(false);
    expect(knowledgePolicy.maySee(agent, article('draft', { published: true }))).toBe(true);
    expect(knowledgePolicy.maySee(agent, article('archived'))).toBe(false);
    for (const role of ['qa_inspector', 'knowledge_editor', 'team_leader'] as const) expect(knowledgePolicy.maySee(actorOf(role), article('draft'))).toBe(true);
    expect(knowledgePolicy.mayEdit(actorOf('knowledge_editor'), article('draft'))).toBe(true);
    expect(knowledgePolicy.mayEdit(actorOf('knowledge_editor'), article('published', { published: true }))).toBe(false);
    expect(knowledgePolicy.mayEdit(actorOf('qa_inspector'), article('draft'))).toBe(false);
  });
});
