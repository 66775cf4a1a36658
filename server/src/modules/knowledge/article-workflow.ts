import type { ArticleAction, ArticleStatus, Permission } from '@kefu/contracts';

/** What an action needs from the caller before it can happen. */
export type ArticleRequirement = 'comment';

export interface ArticleTransitionRule {
  from: readonly ArticleStatus[];
  to: ArticleStatus;
  /** The right the action takes: editors write, reviewers judge, managers curate. */
  permission: Permission;
  requires: readonly ArticleRequirement[];
}

/**
 * The editorial workflow (KB-2) as one table: every allowed (status, action) pair is here and
 * nothing else is allowed. `revise` opens a new draft of a published article while readers
 * keep the published version; `approve` publishes the working version.
 */
export const ARTICLE_TRANSITIONS: Readonly<Record<ArticleAction, ArticleTransitionRule>> = {
  submit: { from: ['draft'], to: 'in_review', permission: 'knowledge.edit', requires: [] },
  withdraw: { from: ['in_review'], to: 'draft', permission: 'knowledge.edit', requires: [] },
  approve: { from: ['in_review'], to: 'published', permission: 'knowledge.review', requires: [] },
  return: { from: ['in_review'], to: 'draft', permission: 'knowledge.review', requires: ['comment'] },
  revise: { from: ['published'], to: 'draft', permission: 'knowledge.edit', requires: [] },
  archive: { from: ['draft', 'published'], to: 'archived', permission: 'knowledge.manage', requires: [] },
  restore: { from: ['archived'], to: 'draft', permission: 'knowledge.edit', requires: [] },
};

/** Statuses in which the working copy may be saved. */
export const EDITABLE_STATUSES: readonly ArticleStatus[] = ['draft'];

/** Judging one's own submission would make review meaningless. */
export const REVIEW_ACTIONS: readonly ArticleAction[] = ['approve', 'return'];

export function nextArticleStatus(from: ArticleStatus, action: ArticleAction): ArticleStatus | null {
  const rule = ARTICLE_TRANSITIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}

export function articleActionsFrom(status: ArticleStatus): ArticleAction[] {
  return (Object.keys(ARTICLE_TRANSITIONS) as ArticleAction[]).filter((action) => ARTICLE_TRANSITIONS[action].from.includes(status));
}
