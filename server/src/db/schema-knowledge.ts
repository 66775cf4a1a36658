import type { Generated, Selectable } from 'kysely';

/** Epoch milliseconds (UTC). */
type Millis = number;

/** Tables of migration 0008_knowledge (KB-1 … KB-6). */
export interface KbCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  sort_order: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface KbArticleTable {
  id: Generated<number>;
  kind: string;
  status: string;
  slug: string | null;
  title: string;
  category_id: number | null;
  audience: string;
  scope: string;
  region: string | null;
  valid_from: Millis | null;
  valid_until: Millis | null;
  department_id: number | null;
  contact_person: string | null;
  tags: string;
  current_version: number;
  published_version: number | null;
  published_at: Millis | null;
  live_title: string | null;
  live_category_id: number | null;
  live_audience: string | null;
  live_scope: string | null;
  live_region: string | null;
  live_valid_from: Millis | null;
  live_valid_until: Millis | null;
  review_comment: string | null;
  submitted_by: number | null;
  submitted_at: Millis | null;
  helpful_count: number;
  unhelpful_count: number;
  view_count: number;
  use_count: number;
  created_by: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface KbArticleVersionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  title: string;
  summary: string | null;
  body_html: string;
  body_text: string;
  category_id: number | null;
  tags: string;
  audience: string;
  scope: string;
  region: string | null;
  valid_from: Millis | null;
  valid_until: Millis | null;
  department_id: number | null;
  contact_person: string | null;
  author_id: number;
  author_name: string;
  change_note: string | null;
  created_at: Millis;
  published_at: Millis | null;
}

export interface KbArticleEventTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  action: string;
  from_status: string;
  to_status: string;
  actor_id: number;
  actor_name: string;
  comment: string | null;
  created_at: Millis;
}

export interface KbArticleTagTable {
  article_id: number;
  tag: string;
}

export interface KbFeedbackTable {
  article_id: number;
  user_id: number;
  version: number;
  helpful: number;
  comment: string | null;
  created_at: Millis;
}

export interface KbImageTable {
  id: Generated<number>;
  article_id: number;
  file_name: string;
  content_type: string;
  size: number;
  token: string;
  storage: string;
  storage_key: string | null;
  content: Buffer | null;
  uploaded_by: number;
  created_at: Millis;
}

export interface KbSettingsTable {
  id: number;
  synonyms: string;
  updated_at: Millis;
}

export interface AnnouncementTable {
  id: Generated<number>;
  title: string;
  body_html: string;
  kind: string;
  must_read: number;
  valid_from: Millis;
  valid_until: Millis | null;
  published_by: number;
  published_by_name: string;
  published_at: Millis;
  withdrawn_at: Millis | null;
}

export interface AnnouncementTargetTable {
  announcement_id: number;
  target_type: string;
  target_id: number;
}

export interface AnnouncementReceiptTable {
  announcement_id: number;
  user_id: number;
  read_at: Millis;
  acknowledged_at: Millis | null;
}

export interface KnowledgeDatabase {
  kb_category: KbCategoryTable;
  kb_article: KbArticleTable;
  kb_article_version: KbArticleVersionTable;
  kb_article_event: KbArticleEventTable;
  kb_article_tag: KbArticleTagTable;
  kb_feedback: KbFeedbackTable;
  kb_image: KbImageTable;
  kb_settings: KbSettingsTable;
  announcement: AnnouncementTable;
  announcement_target: AnnouncementTargetTable;
  announcement_receipt: AnnouncementReceiptTable;
}

export type KbArticleRow = Selectable<KbArticleTable>;
export type KbArticleVersionRow = Selectable<KbArticleVersionTable>;
export type KbCategoryRow = Selectable<KbCategoryTable>;
export type AnnouncementRow = Selectable<AnnouncementTable>;
