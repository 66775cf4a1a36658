import type { Announcement } from '@kefu/contracts';

/** The body as the server sanitised it (a small allow-list; nothing else is rendered as HTML). */
export function AnnouncementBody({ announcement }: { announcement: Announcement }) {
  return <div className="kb-announcement-body" data-testid="announcement-body" dangerouslySetInnerHTML={{ __html: announcement.bodyHtml }} />;
}
