import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Announcement,
  AnnouncementInput,
  AnnouncementReceipts,
  Article,
  ArticleDiff,
  ArticleFeedbackEntry,
  ArticleInput,
  ArticleListQuery,
  ArticlePage,
  ArticleTransition,
  ArticleUpdate,
  ArticleVersion,
  KnowledgeCategory,
  KnowledgeReport,
  Suggestions,
  Synonyms,
} from '@kefu/contracts';
import { api, newIdempotencyKey } from './client';

/** Every key starts with 'knowledge' (or 'announcements') so a write refreshes what it touched. */
const keys = {
  all: ['knowledge'] as const,
  list: (query: ArticleListQuery) => ['knowledge', 'list', query] as const,
  article: (id: number, version?: number) => ['knowledge', 'article', id, version ?? 'current'] as const,
  versions: (id: number) => ['knowledge', 'versions', id] as const,
  diff: (id: number, from: number, to: number) => ['knowledge', 'diff', id, from, to] as const,
  feedback: (id: number) => ['knowledge', 'feedback', id] as const,
  categories: ['knowledge', 'categories'] as const,
  synonyms: ['knowledge', 'synonyms'] as const,
  report: ['knowledge', 'report'] as const,
  suggestions: (orderId: number) => ['knowledge', 'suggestions', orderId] as const,
  announcements: ['announcements'] as const,
};

export interface ArticleEvent {
  action: ArticleTransition['action'];
  version: number;
  actorName: string;
  comment: string | null;
  at: number;
}

export function useArticles(query: ArticleListQuery) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: ({ signal }) => api.get<ArticlePage>('/knowledge/articles', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: number, version?: number) {
  return useQuery({
    queryKey: keys.article(id, version),
    queryFn: ({ signal }) => api.get<Article>(`/knowledge/articles/${id}`, { version }, signal),
  });
}

export function useArticleVersions(id: number, enabled = true) {
  return useQuery({ queryKey: keys.versions(id), queryFn: ({ signal }) => api.get<ArticleVersion[]>(`/knowledge/articles/${id}/versions`, undefined, signal), enabled });
}

export function useArticleEvents(id: number, enabled = true) {
  return useQuery({
    queryKey: ['knowledge', 'events', id],
    queryFn: ({ signal }) => api.get<ArticleEvent[]>(`/knowledge/articles/${id}/events`, undefined, signal),
    enabled,
  });
}

export function useArticleDiff(id: number, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: keys.diff(id, from ?? 0, to ?? 0),
    queryFn: ({ signal }) => api.get<ArticleDiff>(`/knowledge/articles/${id}/diff`, { from, to }, signal),
    enabled: from !== undefined && to !== undefined && from !== to,
  });
}

export function useArticleFeedback(id: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.feedback(id),
    queryFn: ({ signal }) => api.get<ArticleFeedbackEntry[]>(`/knowledge/articles/${id}/feedback`, undefined, signal),
    enabled,
  });
}

export function useKnowledgeCategories() {
  return useQuery({ queryKey: keys.categories, queryFn: ({ signal }) => api.get<KnowledgeCategory[]>('/knowledge/categories', undefined, signal), staleTime: 60_000 });
}

export function useSynonyms() {
  return useQuery({ queryKey: keys.synonyms, queryFn: ({ signal }) => api.get<Synonyms>('/knowledge/synonyms', undefined, signal) });
}

export function useKnowledgeReport() {
  return useQuery({ queryKey: keys.report, queryFn: ({ signal }) => api.get<KnowledgeReport>('/knowledge/report', undefined, signal) });
}

export function useSuggestions(orderId: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.suggestions(orderId),
    queryFn: ({ signal }) => api.get<Suggestions>('/knowledge/suggestions', { workOrderId: orderId }, signal),
    enabled,
    staleTime: 60_000,
  });
}

function useInvalidateKnowledge() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: keys.all });
}

export function useCreateArticle() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (input: ArticleInput) => api.post<Article>('/knowledge/articles', input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => void invalidate(),
  });
}

export function useUpdateArticle(id: number) {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (input: ArticleUpdate) => api.put<Article>(`/knowledge/articles/${id}`, input),
    onSuccess: () => void invalidate(),
  });
}

export function useArticleTransition(id: number) {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (input: ArticleTransition) => api.post<Article>(`/knowledge/articles/${id}/transitions`, input),
    onSuccess: () => void invalidate(),
  });
}

export function useArticleFeedbackMutation(id: number) {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (input: { helpful: boolean; comment: string | null }) => api.post<Article>(`/knowledge/articles/${id}/feedback`, input),
    onSuccess: () => void invalidate(),
  });
}

/** Counts an insertion of the article's text into a reply (KB-5 "most used"). */
export function recordArticleUse(id: number): Promise<unknown> {
  return api.post(`/knowledge/articles/${id}/use`);
}

export function useCategoryMutations() {
  const invalidate = useInvalidateKnowledge();
  return {
    create: useMutation({
      mutationFn: (input: { name: string; parentId: number | null }) => api.post<KnowledgeCategory>('/knowledge/categories', input, { idempotencyKey: newIdempotencyKey() }),
      onSuccess: () => void invalidate(),
    }),
    remove: useMutation({ mutationFn: (id: number) => api.delete(`/knowledge/categories/${id}`), onSuccess: () => void invalidate() }),
  };
}

export function useSaveSynonyms() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({ mutationFn: (input: Synonyms) => api.put<Synonyms>('/knowledge/synonyms', input), onSuccess: () => void invalidate() });
}

// ---- announcements ----

export function useMyAnnouncements() {
  return useQuery({ queryKey: [...keys.announcements, 'mine'], queryFn: ({ signal }) => api.get<{ items: Announcement[]; total: number }>('/announcements', { limit: 100 }, signal) });
}

export function useManagedAnnouncements(enabled: boolean) {
  return useQuery({
    queryKey: [...keys.announcements, 'managed'],
    queryFn: ({ signal }) => api.get<{ items: Announcement[]; total: number }>('/announcements/managed', { limit: 100 }, signal),
    enabled,
  });
}

export function useMustReadAnnouncements(enabled: boolean) {
  return useQuery({
    queryKey: [...keys.announcements, 'must-read'],
    queryFn: ({ signal }) => api.get<{ items: Announcement[] }>('/announcements/must-read', undefined, signal),
    enabled,
  });
}

export function useAnnouncementReceipts(id: number | undefined) {
  return useQuery({
    queryKey: [...keys.announcements, 'receipts', id],
    queryFn: ({ signal }) => api.get<AnnouncementReceipts>(`/announcements/${id}/receipts`, undefined, signal),
    enabled: id !== undefined,
  });
}

function useInvalidateAnnouncements() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: keys.announcements });
}

export function usePublishAnnouncement() {
  const invalidate = useInvalidateAnnouncements();
  return useMutation({
    mutationFn: (input: AnnouncementInput) => api.post<Announcement>('/announcements', input, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => void invalidate(),
  });
}

export function useAnnouncementActions() {
  const invalidate = useInvalidateAnnouncements();
  return {
    open: useMutation({ mutationFn: (id: number) => api.get<Announcement>(`/announcements/${id}`), onSuccess: () => void invalidate() }),
    acknowledge: useMutation({ mutationFn: (id: number) => api.post<Announcement>(`/announcements/${id}/acknowledge`), onSuccess: () => void invalidate() }),
    withdraw: useMutation({ mutationFn: (id: number) => api.post<Announcement>(`/announcements/${id}/withdraw`), onSuccess: () => void invalidate() }),
  };
}
