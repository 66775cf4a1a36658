import type { ArticleAction, ArticleStatus } from '@kefu/contracts';
import type { KbArticleRow } from '../../db/schema-knowledge.js';
import type { Actor } from '../../platform/actor.js';
import { ARTICLE_TRANSITIONS, REVIEW_ACTIONS, articleActionsFrom } from './article-workflow.js';

/**
 * Who may see and do what with an article (house rule 4). Readers see only what has been
 * published (never drafts, reviews or archived articles: those are 404 to them); editors,
 * reviewers and managers see working copies and the history. Actions follow the workflow
 * table's permission, and nobody judges their own submission.
 */
export const knowledgePolicy = {
  seesWorkingCopies(actor: Actor): boolean {
    return actor.permissions.has('knowledge.edit') || actor.permissions.has('knowledge.review') || actor.permissions.has('knowledge.manage');
  },

  /** Readers: an article with a published version that is not archived. */
  isLive(row: KbArticleRow): boolean {
    return row.published_version !== null && row.status !== 'archived';
  },

  maySee(actor: Actor, row: KbArticleRow): boolean {
    return knowledgePolicy.seesWorkingCopies(actor) || knowledgePolicy.isLive(row);
  },

  /** Whether the action is this actor's to take, whatever the status (the table decides that). */
  mayTake(actor: Actor, row: KbArticleRow, action: ArticleAction): boolean {
    if (!actor.permissions.has(ARTICLE_TRANSITIONS[action].permission)) return false;
    return !knowledgePolicy.isOwnSubmission(actor, row, action);
  },

  isOwnSubmission(actor: Actor, row: KbArticleRow, action: ArticleAction): boolean {
    return REVIEW_ACTIONS.includes(action) && row.submitted_by === actor.userId;
  },

  allowedActions(actor: Actor, row: KbArticleRow): ArticleAction[] {
    return articleActionsFrom(row.status as ArticleStatus).filter((action) => knowledgePolicy.mayTake(actor, row, action));
  },

  mayEdit(actor: Actor, row: KbArticleRow): boolean {
    return actor.permissions.has('knowledge.edit') && row.status === 'draft';
  },
};
