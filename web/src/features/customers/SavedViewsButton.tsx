import { App, Button, Dropdown, Flex, Form, Input, Modal, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, DownOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import type { SavedView } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useCreateSavedViewMutation, useDeleteSavedViewMutation, useSavedViews, type SavedViewScope } from '../../api/saved-views';
import { requiredTextRules } from '../../components/form-rules';
import { useOverlayState } from '../../components/useOverlayState';
import { useReportError } from '../../components/useReportError';

const MAX_NAME = 40;

function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const canonical = (query: Record<string, string>) => JSON.stringify(Object.entries(query).sort(([x], [y]) => x.localeCompare(y)));
  return canonical(a) === canonical(b);
}

/** Asks for a name and saves the current filters; render with a new `key` for each opening. */
function SaveViewModal({ open, scope, query, onClose }: { open: boolean; scope: SavedViewScope; query: Record<string, string>; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateSavedViewMutation(scope);
  const reportError = useReportError();

  const submit = ({ name }: { name: string }) =>
    create.mutate(
      { name: name.trim(), query },
      {
        onSuccess: (view) => {
          void message.success(t('customers.savedViews.saved', { name: view.name }));
          onClose();
        },
        onError: (error) => reportError(error, form, { 'saved_view.name_taken': 'name' }),
      },
    );

  return (
    <Modal
      open={open}
      title={t('customers.savedViews.saveTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={420}
      destroyOnHidden
    >
      <Form<{ name: string }> form={form} layout="vertical" onFinish={submit} initialValues={{ name: '' }}>
        <Form.Item name="name" label={t('customers.savedViews.name')} rules={requiredTextRules(t, t('customers.savedViews.nameRequired'), MAX_NAME)}>
          <Input autoComplete="off" autoFocus maxLength={MAX_NAME} placeholder={t('customers.savedViews.namePlaceholder')} data-testid="saved-view-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SavedViewsButtonProps {
  scope: SavedViewScope;
  /** The list's current filters as they stand in its URL (no paging). */
  current: Record<string, string>;
  onApply: (query: Record<string, string>) => void;
}

/** 常用筛选: the user's own named filter sets for a list; choosing one puts its filters in the URL. */
export function SavedViewsButton({ scope, current, onApply }: SavedViewsButtonProps) {
  const { t } = useT();
  const { message, modal } = App.useApp();
  const views = useSavedViews(scope);
  const remove = useDeleteSavedViewMutation(scope);
  const reportError = useReportError();
  const saver = useOverlayState<undefined>();
  const hasFilters = Object.keys(current).length > 0;
  const active = views.data?.find((view) => sameQuery(view.query, current));

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t('customers.savedViews.deleteConfirm', { name: view.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(view.id).then(
          () => void message.success(t('customers.savedViews.deleted')),
          (error: unknown) => reportError(error),
        ),
    });

  const viewItems: MenuProps['items'] =
    views.data && views.data.length > 0
      ? views.data.map((view) => ({
          key: `view-${view.id}`,
          label: (
            <Flex justify="space-between" align="center" gap={16} style={{ minWidth: 180 }}>
              <Typography.Text ellipsis style={{ maxWidth: 240 }} data-testid="saved-view-item">
                {view.name}
              </Typography.Text>
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('customers.savedViews.delete', { name: view.name })}
                onClick={(event) => {
                  event.stopPropagation();
                  confirmDelete(view);
                }}
                data-testid="saved-view-delete"
              />
            </Flex>
          ),
          onClick: () => onApply(view.query),
        }))
      : [{ key: 'empty', disabled: true, label: views.isLoading ? t('common.loading') : t('customers.savedViews.empty') }];

  const items: MenuProps['items'] = [
    ...viewItems,
    { type: 'divider' },
    {
      key: 'save',
      icon: <SaveOutlined />,
      disabled: !hasFilters,
      label: hasFilters ? t('customers.savedViews.save') : t('customers.savedViews.noFilters'),
      onClick: () => saver.show(),
    },
  ];

  return (
    <>
      <Dropdown trigger={['click']} menu={{ items, selectable: false, selectedKeys: active ? [`view-${active.id}`] : [] }}>
        <Button icon={<StarOutlined />} data-testid="customers-saved-views">
          <Flex gap={6} align="center">
            {active ? active.name : t('customers.savedViews.open')}
            <DownOutlined style={{ fontSize: 10 }} />
          </Flex>
        </Button>
      </Dropdown>
      <SaveViewModal key={`save-view-${saver.key}`} open={saver.open} scope={scope} query={current} onClose={saver.hide} />
    </>
  );
}
