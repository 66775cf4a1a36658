import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import { LoadFailedResult, NotFoundResult, SectionLoading } from '../../components/StatusResults';

/** What a `…/:id` editor route names: a new item, a saved one by id, or nothing valid. */
export type ListItemId = 'new' | number | null;

/** Reads `:id`: `new`, or a positive whole number; anything else is `null`. */
export function useListItemId(): ListItemId {
  const { id } = useParams();
  if (id === 'new') return 'new';
  const itemId = Number(id);
  return Number.isInteger(itemId) && itemId > 0 ? itemId : null;
}

interface ListItemRouteProps<Item extends { id: number }> {
  itemId: ListItemId;
  /** The list the saved item is read from (there is no single GET); only needed for a saved item. */
  list: UseQueryResult<Item[]>;
  /** The editor, given `undefined` for a new item. */
  children: (item: Item | undefined) => ReactNode;
}

/** A route page for a new item or a saved one read from its list: loading, load failure and not found included. */
export function ListItemRoute<Item extends { id: number }>({ itemId, list, children }: ListItemRouteProps<Item>) {
  if (itemId === 'new') return children(undefined);
  if (itemId === null) return <NotFoundResult />;
  if (list.isError) return <LoadFailedResult error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <SectionLoading />;
  const item = list.data.find((candidate) => candidate.id === itemId);
  return item ? children(item) : <NotFoundResult />;
}
