import type { IntakeInput } from '@kefu/contracts';
import { composeOrderTexts, corpusAddress } from '../../server/src/modules/work-orders/work-orders.corpus.js';
import { TOPIC_CATEGORIES, TOPIC_MIX, weighted } from '../data/generator.js';
import { personName } from '../data/people.js';
import type { IntakeCategory } from './data.js';

/**
 * Intake bodies (5W1H: when, who, where, what, why, how) as agents file them: existing
 * customers most of the time, some unregistered callers, some answered on the spot. The texts
 * come from the generator's own corpus with its subject mix, so the orders the create phase
 * adds look like the generated history to the search that runs after it (with a handful of
 * templates of their own they held none of the rarer query words, and every `--reuse` run
 * put a growing block of such orders at the top of every list). Deterministic from the seed.
 */
export function intakeBodies(options: { categories: readonly IntakeCategory[]; customerIds: readonly number[]; seed?: number }): () => IntakeInput {
  let state = options.seed ?? 20_260_501;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const byName = new Map(options.categories.map((category) => [category.name, category]));

  return () => {
    const topic = weighted(random, TOPIC_MIX);
    const category = byName.get(weighted(random, TOPIC_CATEGORIES[topic])) ?? pick(options.categories);
    const name = personName(random);
    const phone = `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
    const address = corpusAddress(random);
    const answered = random() < 0.2;
    const texts = composeOrderTexts(random, topic, { name, phone, address }, answered ? 1 : 0);
    const existing = options.customerIds.length > 0 && random() < 0.7;
    const formData: Record<string, string | number> = {};
    for (const field of category.fields) {
      if (!field.required && random() < 0.5) continue;
      formData[field.key] =
        field.type === 'number' ? 1 + Math.floor(random() * 100) : field.type === 'date' ? '2026-03-15' : field.type === 'select' ? pick(field.options) : `gz${digits(8)}`;
    }
    return {
      occurredAt: Date.now() - Math.floor(random() * 600_000),
      customer: existing ? { mode: 'existing', customerId: pick(options.customerIds) } : { mode: 'anonymous' },
      contactName: name,
      contactPhone: phone,
      channel: pick(['phone', 'phone', 'phone', 'phone', 'web', 'wechat', 'visit', 'email', 'sms'] as const),
      location: address,
      type: texts.type,
      categoryId: category.id,
      title: texts.title,
      description: texts.description,
      reason: texts.reason,
      requestedHandling: texts.requestedHandling,
      priority: pick(['normal', 'normal', 'normal', 'high', 'low', 'urgent'] as const),
      formData,
      resolution: answered ? { mode: 'answered', answer: texts.messages[0]!.text } : { mode: 'order' },
    };
  };
}
