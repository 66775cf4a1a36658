import { Alert, App, Button, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { Customer } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { isApiError } from '../../api/client';
import { useCustomer, useExportCustomerMutation } from '../../api/customers';
import { useAuth } from '../../app/auth-context';
import { CUSTOMERS_PATH, customerPath } from '../../app/navigation';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult, NotFoundResult, SectionLoading } from '../../components/StatusResults';
import { useOverlayState } from '../../components/useOverlayState';
import { useReportError } from '../../components/useReportError';
import { CustomerDetailsCard } from './CustomerDetailsCard';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { CustomerTimeline } from './CustomerTimeline';
import { CompletenessProgress, StatusBadge, TierTag, TypeTag } from './CustomerTags';
import { DuplicatesCard } from './DuplicatesCard';
import { EraseCustomerModal } from './EraseCustomerModal';
import { PersonalityHint } from './PersonalityHint';
import { downloadJson } from './downloadJson';

function CompletenessCard({ customer, onEdit }: { customer: Customer; onEdit?: () => void }) {
  const { t } = useT();
  return (
    <Card title={t('customers.fields.completeness')}>
      <Flex vertical gap={12}>
        <CompletenessProgress percent={customer.completeness} />
        {customer.missingFields.length === 0 ? (
          <Typography.Text type="secondary">{t('customers.profile.complete')}</Typography.Text>
        ) : (
          <>
            <Typography.Text type="secondary">{t('customers.profile.missing')}</Typography.Text>
            <Flex wrap gap={4} data-testid="customer-missing-fields">
              {customer.missingFields.map((field) => (
                <Tag key={field} color="warning" style={{ marginInlineEnd: 0 }}>
                  {t(`shared:customers.completenessFields.${field}`)}
                </Tag>
              ))}
            </Flex>
            {onEdit && (
              <Button onClick={onEdit} style={{ alignSelf: 'flex-start' }}>
                {t('customers.profile.fillIn')}
              </Button>
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}

/** Why the profile cannot be worked on any more, and where its history went. */
function RetiredNotice({ customer }: { customer: Customer }) {
  const { t } = useT();
  if (customer.status === 'merged' && customer.mergedIntoId !== null) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('customers.profile.mergedTitle')}
        description={t('customers.profile.merged')}
        action={
          <Link to={customerPath(customer.mergedIntoId)} data-testid="customer-surviving-link">
            <Button type="primary" size="small">
              {t('customers.profile.openSurviving')}
            </Button>
          </Link>
        }
      />
    );
  }
  if (customer.status === 'erased') {
    return <Alert type="error" showIcon title={t('customers.profile.erasedTitle')} description={t('customers.profile.erased')} />;
  }
  return null;
}

function CustomerProfile({ id }: { id: number }) {
  const { t } = useT();
  const { can } = useAuth();
  const customerQuery = useCustomer(id);
  const exportData = useExportCustomerMutation();
  const reportError = useReportError();
  const { message } = App.useApp();
  const editor = useOverlayState<undefined>();
  const eraser = useOverlayState<undefined>();
  const customer = customerQuery.data;

  if (customerQuery.isError) {
    if (isApiError(customerQuery.error) && customerQuery.error.status === 404) return <NotFoundResult />;
    return <LoadFailedResult error={customerQuery.error} onRetry={() => void customerQuery.refetch()} />;
  }
  if (!customer) return <SectionLoading />;

  const active = customer.status === 'active';
  const mayEdit = active && can('customers.write');
  const name = customer.status === 'erased' ? t('customers.profile.erasedName', { id: customer.id }) : customer.name;
  const startExport = () =>
    exportData.mutate(customer.id, {
      onSuccess: (data) => {
        downloadJson(`customer-${customer.id}.json`, data);
        void message.success(t('customers.profile.exported'));
      },
      onError: (error) => reportError(error),
    });

  return (
    <PageContainer
      title={name}
      description={
        <Flex gap={8} align="center" wrap style={{ marginTop: 4 }} data-testid="customer-header">
          <TierTag tier={customer.tier} />
          <TypeTag type={customer.type} />
          <StatusBadge status={customer.status} />
        </Flex>
      }
      extra={
        <>
          <Link to={CUSTOMERS_PATH}>
            <Button icon={<ArrowLeftOutlined />}>{t('customers.profile.backToList')}</Button>
          </Link>
          {mayEdit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => editor.show()} data-testid="customer-edit">
              {t('common.edit')}
            </Button>
          )}
          {can('customers.export') && can('pii.view') && customer.status !== 'erased' && (
            <Button icon={<DownloadOutlined />} loading={exportData.isPending} onClick={startExport} data-testid="customer-export">
              {t('customers.profile.export')}
            </Button>
          )}
          {active && can('customers.erase') && (
            <Button danger icon={<DeleteOutlined />} onClick={() => eraser.show()} data-testid="customer-erase">
              {t('customers.erase.open')}
            </Button>
          )}
        </>
      }
    >
      <RetiredNotice customer={customer} />
      {active && <PersonalityHint personality={customer.personality} onEdit={mayEdit ? () => editor.show() : undefined} />}
      {customer.status === 'erased' ? (
        <CustomerTimeline customerId={customer.id} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={active ? 16 : 24}>
            <Flex vertical gap={16}>
              <CustomerDetailsCard customer={customer} />
              <CustomerTimeline customerId={customer.id} />
            </Flex>
          </Col>
          {active && (
            <Col xs={24} xl={8}>
              <Flex vertical gap={16}>
                <CompletenessCard customer={customer} onEdit={mayEdit ? () => editor.show() : undefined} />
                <DuplicatesCard customer={customer} />
              </Flex>
            </Col>
          )}
        </Row>
      )}
      {mayEdit && <CustomerFormDrawer key={`editor-${editor.key}`} open={editor.open} customer={customer} onClose={editor.hide} />}
      {active && can('customers.erase') && (
        <EraseCustomerModal key={`erase-${eraser.key}`} open={eraser.open} customer={customer} onClose={eraser.hide} />
      )}
    </PageContainer>
  );
}

/** A fresh profile component per id, so nothing revealed on one customer stays on screen for the next. */
export function CustomerProfilePage() {
  const { id } = useParams();
  const customerId = Number(id);
  if (!Number.isInteger(customerId) || customerId <= 0) return <NotFoundResult />;
  return <CustomerProfile key={customerId} id={customerId} />;
}
