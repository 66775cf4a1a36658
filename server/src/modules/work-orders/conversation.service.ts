import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import type { Kysely } from 'kysely';
import type { Attachment, Message, messageInputSchema } from '@kefu/contracts';
import type { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import type { CustomerTimeline } from '../customers/timeline.js';
import { cleanFileName, extensionOf, fileKindOf, newDownloadToken, servesInline, type AttachmentStore } from './attachment-files.js';
import { workOrderPolicy } from './work-orders.policy.js';
import { workOrdersRepository } from './work-orders.repository.js';
import type { WorkOrdersService } from './work-orders.service.js';
import type { OrderClocks } from '../sla/order-clocks.js';

type MessageInput = z.output<typeof messageInputSchema>;

/**
 * Formatting that survives; everything else (script, style, event handlers, iframes,
 * images pointing elsewhere) is removed on the way in, so stored HTML is safe to render.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'a', 'h3', 'h4', 'span'],
  // rel and target must be allowed or the attribute filter drops what transformTags adds.
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  disallowedTagsMode: 'discard',
};

const MENTION = /@([A-Za-z0-9._-]{2,64})/g;
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE).trim();
}

/** Plain text of sanitised HTML, block ends as line breaks: for search and excerpts. */
export function textOfHtml(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|h3|h4|blockquote|pre)>/gi, '\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (entity) => ENTITIES[entity]!)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function mentionedUsernames(text: string): string[] {
  // Usernames may contain dots, so `请 @zhang.wei.` is ambiguous: the name without the
  // sentence's full stop is looked up too.
  const names = [...text.matchAll(MENTION)].flatMap((match) => {
    const name = match[1]!;
    const withoutStop = name.replace(/\.+$/, '');
    return withoutStop !== name && withoutStop.length >= 2 ? [name, withoutStop] : [name];
  });
  return [...new Set(names)];
}

export interface ConversationService {
  messages(actor: Actor, orderId: number): Promise<Message[]>;
  post(actor: Actor, orderId: number, input: MessageInput): Promise<Message>;
  attachments(actor: Actor, orderId: number): Promise<Attachment[]>;
  upload(actor: Actor, orderId: number, fileName: string, bytes: Buffer): Promise<Attachment>;
  /** The file behind a download token, if the caller can see its order. */
  download(actor: Actor, token: string): Promise<{ fileName: string; contentType: string; inline: boolean; bytes: Buffer }>;
}

export function createConversationService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  orders: WorkOrdersService;
  timeline: CustomerTimeline;
  store: AttachmentStore;
  /** A reply to the customer answers the first-response target. */
  clocks: Pick<OrderClocks, 'responded'>;
}): ConversationService {
  const { db, clock, orders, timeline, store, clocks } = deps;

  function toAttachment(
    row: { id: number; message_id: number | null; file_name: string; content_type: string; size: number; inline: number; token: string; uploaded_by: number; created_at: number },
    names: Map<number, string>,
  ): Attachment {
    return {
      id: row.id,
      fileName: row.file_name,
      contentType: row.content_type,
      size: row.size,
      url: `/api/work-orders/attachments/${row.token}`,
      inline: row.inline === 1,
      messageId: row.message_id,
      uploadedBy: { id: row.uploaded_by, name: names.get(row.uploaded_by) ?? '' },
      createdAt: row.created_at,
    };
  }

  async function attachmentsOf(ex: Executor, orderId: number): Promise<Attachment[]> {
    const rows = await workOrdersRepository.attachments(ex, orderId);
    const names = await workOrdersRepository.userNames(ex, rows.map((row) => row.uploaded_by));
    return rows.map((row) => toAttachment(row, names));
  }

  return {
    async messages(actor, orderId) {
      await orders.loadVisible(db, actor, orderId, { includeBinned: true });
      const [rows, attachments] = await Promise.all([workOrdersRepository.messages(db, orderId), attachmentsOf(db, orderId)]);
      const mentionIds = rows.flatMap((row) => JSON.parse(row.mentions) as number[]);
      const names = await workOrdersRepository.userNames(db, [...rows.map((row) => row.author_id), ...mentionIds]);
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind as Message['kind'],
        bodyHtml: row.body_html,
        author: { id: row.author_id, name: names.get(row.author_id) ?? '' },
        mentions: (JSON.parse(row.mentions) as number[]).map((id) => ({ id, name: names.get(id) ?? '' })),
        attachments: attachments.filter((attachment) => attachment.messageId === row.id),
        createdAt: row.created_at,
      }));
    },

    async post(actor, orderId, input) {
      const bodyHtml = sanitizeMessageHtml(input.body);
      const bodyText = textOfHtml(bodyHtml);
      if (!bodyText && input.attachmentIds.length === 0) {
        throw new AppError('validation_failed', 400, {}, [{ path: 'body', code: 'required', message: 'i18n:validation.required' }]);
      }
      const messageId = await orders.inTransaction(async (trx, effects) => {
        const order = await orders.loadVisible(trx, actor, orderId, { forUpdate: true });
        if (order.merged_into_id !== null) throw unprocessable('work_order.merged', { number: String(order.merged_into_id) });
        // Only people who could open the order themselves are mentioned: a notification
        // would otherwise show them the number and title of an order outside their scope.
        const mentioned = [];
        for (const user of await workOrdersRepository.usersByUsernames(trx, mentionedUsernames(bodyText))) {
          if (await workOrderPolicy.userCanSee(trx, user.id, orderId)) mentioned.push(user);
        }
        const id = await workOrdersRepository.insertMessage(trx, {
          order_id: orderId,
          kind: input.kind,
          body_html: bodyHtml,
          body_text: bodyText,
          author_id: actor.userId,
          mentions: JSON.stringify(mentioned.map((user) => user.id)),
          created_at: clock.now(),
        });
        const claimed = await workOrdersRepository.claimAttachments(trx, orderId, id, input.attachmentIds);
        if (claimed !== new Set(input.attachmentIds).size) throw unprocessable('work_order.attachment_unknown');
        await orders.recordEvent(trx, actor, order, input.kind === 'reply' ? 'replied' : 'noted', { messageId: id, excerpt: bodyText.slice(0, 80) });
        if (input.kind === 'reply') await clocks.responded(trx, order.id);
        const now = clock.now();
        await workOrdersRepository.update(trx, orderId, { last_activity_at: now, updated_at: now });
        if (input.kind === 'reply' && order.customer_id !== null) {
          await timeline.record(trx, {
            customerId: order.customer_id,
            kind: 'work_order.replied',
            source: { type: 'work_order', id: orderId },
            actor: { id: actor.userId, name: actor.displayName },
            data: { number: order.number, excerpt: bodyText.slice(0, 80) },
          });
        }
        await orders.reindex(trx, orderId);
        const recipients = new Set([order.owner_id, order.handler_id].filter((user): user is number => user !== null && user !== actor.userId));
        const mentionedIds = mentioned.map((user) => user.id).filter((user) => user !== actor.userId);
        await effects.notify(trx, [
          ...mentionedIds.map((userId) => ({ userId, kind: 'work_order.mentioned' as const, workOrderId: orderId, actorId: actor.userId, data: { number: order.number, messageId: id } })),
          ...[...recipients]
            .filter((userId) => !mentionedIds.includes(userId))
            .map((userId) => ({ userId, kind: 'work_order.replied' as const, workOrderId: orderId, actorId: actor.userId, data: { number: order.number, messageId: id } })),
        ]);
        effects.changed({ ...order, updated_at: now, last_activity_at: now });
        return id;
      });
      const all = await this.messages(actor, orderId);
      return all.find((message) => message.id === messageId)!;
    },

    async attachments(actor, orderId) {
      await orders.loadVisible(db, actor, orderId, { includeBinned: true });
      return attachmentsOf(db, orderId);
    },

    async upload(actor, orderId, fileName, bytes) {
      const name = cleanFileName(fileName);
      const kind = fileKindOf(name);
      if (!kind) throw new AppError('work_order.attachment_type', 415, { ext: extensionOf(name) || '?' });
      if (bytes.length === 0) throw unprocessable('work_order.attachment_empty');
      if (bytes.length > store.config.maxBytes) {
        throw new AppError('work_order.attachment_too_large', 413, { max: Math.floor(store.config.maxBytes / 1024 / 1024) });
      }
      if (!actor.permissions.has('work_orders.handle')) throw forbidden();
      await orders.loadVisible(db, actor, orderId);
      const inline = servesInline(name, bytes.subarray(0, 16));
      const stored = await store.put(bytes);
      try {
        const now = clock.now();
        const id = await orders.inTransaction(async (trx, effects) => {
          const order = await orders.loadVisible(trx, actor, orderId, { forUpdate: true });
          const attachmentId = await workOrdersRepository.insertAttachment(trx, {
            order_id: orderId,
            message_id: null,
            file_name: name,
            content_type: kind.contentType,
            inline: inline ? 1 : 0,
            size: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            token: newDownloadToken(),
            ...stored,
            uploaded_by: actor.userId,
            created_at: now,
          });
          await orders.recordEvent(trx, actor, order, 'attachment_added', { attachmentId, fileName: name, size: bytes.length });
          effects.changed(order);
          return attachmentId;
        });
        return (await attachmentsOf(db, orderId)).find((attachment) => attachment.id === id)!;
      } catch (error) {
        await store.remove(stored);
        throw error;
      }
    },

    async download(actor, token) {
      const row = await workOrdersRepository.attachmentByToken(db, token);
      if (!row) throw notFound();
      await orders.loadVisible(db, actor, row.order_id, { includeBinned: true });
      return {
        fileName: row.file_name,
        contentType: row.content_type,
        inline: row.inline === 1,
        bytes: await store.get(row),
      };
    },
  };
}
