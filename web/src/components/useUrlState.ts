import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, 100];

type UrlValue = string | number | null | undefined;

function positiveInt(value: string | null): number | undefined {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

/**
 * List filters and the page live in the URL, so a filtered list survives a reload
 * and can be shared. Changing any filter goes back to the first page.
 */
export function useUrlListState<Key extends string>() {
  const [params, setParams] = useSearchParams();

  const text = useCallback((key: Key): string | undefined => params.get(key) || undefined, [params]);
  const integer = useCallback((key: Key): number | undefined => positiveInt(params.get(key)), [params]);
  const page = positiveInt(params.get('page')) ?? 1;
  const requestedSize = positiveInt(params.get('pageSize'));
  const pageSize = requestedSize && PAGE_SIZES.includes(requestedSize) ? requestedSize : DEFAULT_PAGE_SIZE;

  const update = useCallback(
    (changes: Partial<Record<Key | 'page' | 'pageSize', UrlValue>>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes) as [string, UrlValue][]) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  /** The filters alone (no page or page size), e.g. to save them as a named view. */
  const filters = useCallback(
    (keys: readonly Key[]): Partial<Record<Key, string>> => {
      const result: Partial<Record<Key, string>> = {};
      for (const key of keys) {
        const value = params.get(key);
        if (value) result[key] = value;
      }
      return result;
    },
    [params],
  );

  /** Replaces every filter with `values` (back to the first page, keeping the page size). */
  const replaceFilters = useCallback(
    (values: Record<string, string>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams();
          const size = previous.get('pageSize');
          if (size) next.set('pageSize', size);
          for (const [key, value] of Object.entries(values)) {
            if (key !== 'page' && key !== 'pageSize' && value !== '') next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return {
    text,
    integer,
    page,
    pageSize,
    offset: (page - 1) * pageSize,
    pageSizeOptions: PAGE_SIZES,
    hasFilters: [...params.keys()].some((key) => key !== 'page' && key !== 'pageSize'),
    update,
    clear,
    filters,
    replaceFilters,
  };
}
