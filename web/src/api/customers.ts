import { useCallback } from 'react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CompletenessSettings,
  CustomFieldDefinition,
  CustomFieldType,
  Customer,
  CustomerImport,
  CustomerInput,
  CustomerListQuery,
  CustomerSummary,
  CustomerUpdate,
  DUPLICATE_REASONS,
  TimelineEntry,
} from '@kefu/contracts';
import { api } from './client';

export interface CustomerPage {
  items: CustomerSummary[];
  total: number;
}

export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicateCandidate {
  customer: CustomerSummary;
  reasons: DuplicateReason[];
}

export type RevealField = 'phones' | 'idNumber';

export interface RevealedPii {
  phones?: { number: string; label: string | null; primary: boolean }[];
  idNumber?: string | null;
}

export interface CustomerExport {
  customer: Customer;
  timeline: TimelineEntry[];
}

/** The list filters the API takes; `limit` and `offset` always come from the page. */
export type CustomerListParams = Partial<CustomerListQuery> & Pick<CustomerListQuery, 'limit' | 'offset'>;

export const TIMELINE_PAGE_SIZE = 30;

export const customerKeys = {
  all: ['customers'] as const,
  list: (query: CustomerListParams) => ['customers', 'list', query] as const,
  detail: (id: number) => ['customers', 'detail', id] as const,
  timeline: (id: number) => ['customers', 'detail', id, 'timeline'] as const,
  duplicates: (id: number) => ['customers', 'detail', id, 'duplicates'] as const,
  completeness: ['customers', 'completeness-settings'] as const,
  fields: ['customers', 'fields'] as const,
  import: (id: number) => ['customers', 'imports', id] as const,
};

export function useCustomerPage(query: CustomerListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: customerKeys.list(query),
    queryFn: ({ signal }) => api.get<CustomerPage>('/customers', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useCustomer(id: number) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => api.get<Customer>(`/customers/${id}`, undefined, signal),
  });
}

/** Newest first; each further page continues before the oldest entry seen so far. */
export function useCustomerTimeline(id: number) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<TimelineEntry[]>(`/customers/${id}/timeline`, { before: pageParam, limit: TIMELINE_PAGE_SIZE }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (lastPage) => (lastPage.length < TIMELINE_PAGE_SIZE ? undefined : lastPage[lastPage.length - 1]?.at),
  });
}

export function useCustomerDuplicates(id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: customerKeys.duplicates(id),
    queryFn: ({ signal }) => api.get<DuplicateCandidate[]>(`/customers/${id}/duplicates`, undefined, signal),
    enabled: options.enabled ?? true,
  });
}

/** A customer change shows in the list, the profile, its timeline and other profiles' duplicates. */
function useInvalidateCustomers() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: customerKeys.all }), [queryClient]);
}

export function useCreateCustomerMutation() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CustomerInput; idempotencyKey: string }) =>
      api.post<Customer>('/customers', body, { idempotencyKey }),
    onSuccess: invalidate,
  });
}

export function useUpdateCustomerMutation() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: CustomerUpdate }) => api.patch<Customer>(`/customers/${id}`, changes),
    onSuccess: invalidate,
  });
}

export interface PhoneAdd {
  number: string;
  label?: string;
  primary: boolean;
}

/**
 * The phone endpoints answer with the whole customer: the profile takes it as is, and the
 * views that show phones or depend on them (list, timeline, duplicates) refresh.
 */
function usePhoneChange<Variables>(request: (variables: Variables) => Promise<Customer>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (customer) => {
      const detail = customerKeys.detail(customer.id);
      queryClient.setQueryData(detail, customer);
      return queryClient.invalidateQueries({
        queryKey: customerKeys.all,
        predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(detail),
      });
    },
  });
}

/** Adds one number and leaves the others alone; a number already on file is ignored. */
export function useAddPhoneMutation() {
  return usePhoneChange(({ id, phone }: { id: number; phone: PhoneAdd }) => api.post<Customer>(`/customers/${id}/phones`, phone));
}

/** If the primary number goes, the next one becomes primary. */
export function useRemovePhoneMutation() {
  return usePhoneChange(({ id, phoneId }: { id: number; phoneId: number }) => api.delete<Customer>(`/customers/${id}/phones/${phoneId}`));
}

export function useMakePrimaryPhoneMutation() {
  return usePhoneChange(({ id, phoneId }: { id: number; phoneId: number }) => api.post<Customer>(`/customers/${id}/phones/${phoneId}/primary`));
}

/** The clear values are shown once and never cached: each "show" is a new, audited request. */
export function useRevealPiiMutation() {
  return useMutation({
    mutationFn: ({ id, field }: { id: number; field: RevealField }) => api.post<RevealedPii>(`/customers/${id}/reveal`, { field }),
  });
}

export function useMergeCustomerMutation() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, sourceId }: { id: number; sourceId: number }) => api.post<Customer>(`/customers/${id}/merge`, { sourceId }),
    onSuccess: invalidate,
  });
}

export function useEraseCustomerMutation() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => api.post<Customer>(`/customers/${id}/erase`, { reason }),
    onSuccess: invalidate,
  });
}

export function useExportCustomerMutation() {
  return useMutation({ mutationFn: (id: number) => api.get<CustomerExport>(`/customers/${id}/export`) });
}

export function useCompletenessSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: customerKeys.completeness,
    queryFn: ({ signal }) => api.get<CompletenessSettings>('/customers/settings/completeness', undefined, signal),
    enabled: options.enabled ?? true,
  });
}

/** Every profile's completeness is recomputed on the server, so all customer views refresh. */
export function useUpdateCompletenessSettingsMutation() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (settings: CompletenessSettings) => api.put<CompletenessSettings>('/customers/settings/completeness', settings),
    onSuccess: invalidate,
  });
}

// ---- import and export (CUS-6) ----

export type CustomerExportFormat = 'csv' | 'xlsx';

/** The list filters an export takes: the list's, without the page. */
export type CustomerExportFilters = Omit<CustomerListParams, 'limit' | 'offset'>;

const SPREADSHEET_MEDIA_TYPES: Record<CustomerExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The media type the server expects for an upload; anything else is left to its format sniffing. */
export function spreadsheetMediaType(fileName: string): string {
  const extension = fileName.toLowerCase().split('.').pop();
  return extension === 'csv' || extension === 'xlsx' ? SPREADSHEET_MEDIA_TYPES[extension] : 'application/octet-stream';
}

/** Sends a CSV or .xlsx file for validation; nothing is written to the customers yet. */
export function useUploadCustomerImportMutation() {
  return useMutation({
    mutationFn: (file: File) => api.upload<CustomerImport>('/customers/imports', file, spreadsheetMediaType(file.name), { fileName: file.name }),
  });
}

/** Starts writing a clean import; the server answers at once with the job (status `committing`). */
export function useCommitCustomerImportMutation() {
  return useMutation({
    mutationFn: (id: number) => api.post<CustomerImport>(`/customers/imports/${id}/commit`),
  });
}

export const IMPORT_POLL_MS = 500;

/** Follows a committing import every half second until it is committed or failed. */
export function useCustomerImport(id: number | undefined, initial?: CustomerImport) {
  return useQuery({
    queryKey: customerKeys.import(id ?? 0),
    queryFn: ({ signal }) => api.get<CustomerImport>(`/customers/imports/${id}`, undefined, signal),
    enabled: id !== undefined,
    initialData: initial?.id === id ? initial : undefined,
    refetchInterval: (query) => (query.state.data?.status === 'committing' ? IMPORT_POLL_MS : false),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}

/** After an import the list, counts and duplicates all change. */
export function useInvalidateCustomerLists() {
  return useInvalidateCustomers();
}

export function downloadCustomerList(filters: CustomerExportFilters, format: CustomerExportFormat) {
  return api.download('/customers/export', { ...filters, format });
}

// ---- organisation-defined custom fields (CUS-1) ----

export interface CustomFieldCreate {
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  sortOrder: number;
}

export type CustomFieldChanges = Partial<Pick<CustomFieldDefinition, 'label' | 'options' | 'sortOrder' | 'archived'>>;

/** All definitions, archived ones included, in their display order. */
export function useCustomFields(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: customerKeys.fields,
    queryFn: ({ signal }) => api.get<CustomFieldDefinition[]>('/customers/fields', undefined, signal),
    select: (fields) => [...fields].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id),
    enabled: options.enabled ?? true,
  });
}

/** A definition change renames or hides values in forms and profiles, so all customer views refresh. */
export function useCreateCustomFieldMutation() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (field: CustomFieldCreate) => api.post<CustomFieldDefinition>('/customers/fields', field),
    onSuccess: invalidate,
  });
}

export function useUpdateCustomFieldMutation() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: CustomFieldChanges }) => api.patch<CustomFieldDefinition>(`/customers/fields/${id}`, changes),
    onSuccess: invalidate,
  });
}
