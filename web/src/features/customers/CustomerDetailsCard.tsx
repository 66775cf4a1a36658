import { useState, type ReactNode } from 'react';
import { Button, Card, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { CustomFieldDefinition, Customer } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useCustomFields, useRevealPiiMutation, type RevealedPii, type RevealField } from '../../api/customers';
import { useAuth } from '../../app/auth-context';
import { customerPath } from '../../app/navigation';
import { DateTimeText } from '../../components/DateTimeText';
import { useReportError } from '../../components/useReportError';
import { maskIdNumber, maskPhone } from './pii-mask';

function Dash() {
  return <Typography.Text type="secondary">-</Typography.Text>;
}

function orDash(value: ReactNode) {
  return value === null || value === undefined || value === '' ? <Dash /> : value;
}

/**
 * The organisation's own fields: every field in use, and archived ones only where this
 * customer has a value, marked as archived.
 */
function customFieldItems(customer: Customer, definitions: CustomFieldDefinition[], archivedMark: string) {
  return definitions
    .filter((definition) => !definition.archived || customer.customFields[definition.key] !== undefined)
    .map((definition) => ({
      key: `custom-${definition.key}`,
      label: definition.archived ? (
        <Flex gap={4} align="center" wrap>
          <Typography.Text type="secondary">{definition.label}</Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{archivedMark}</Tag>
        </Flex>
      ) : (
        definition.label
      ),
      children: <span data-testid={`customer-custom-${definition.key}`}>{orDash(customer.customFields[definition.key])}</span>,
    }));
}

/** "Show" for one kind of personal data: each click is a new request, and the server audits it. */
function RevealToggle({ field, revealed, onReveal, onHide }: { field: RevealField; revealed: boolean; onReveal: () => void; onHide: () => void }) {
  const { t } = useT();
  if (revealed) {
    return (
      <Button type="link" size="small" icon={<EyeInvisibleOutlined />} onClick={onHide} style={{ paddingInline: 0, alignSelf: 'flex-start' }}>
        {t('customers.pii.hide')}
      </Button>
    );
  }
  return (
    <Tooltip title={t('customers.pii.revealHelp')}>
      <Button type="link" size="small" icon={<EyeOutlined />} onClick={onReveal} style={{ paddingInline: 0, alignSelf: 'flex-start' }} data-testid={`customer-reveal-${field}`}>
        {t('customers.pii.reveal')}
      </Button>
    </Tooltip>
  );
}

export function CustomerDetailsCard({ customer }: { customer: Customer }) {
  const { t } = useT();
  const { can } = useAuth();
  const reveal = useRevealPiiMutation();
  const customFields = useCustomFields();
  const reportError = useReportError();
  const [revealed, setRevealed] = useState<RevealedPii>({});
  const mayReveal = can('pii.view') && customer.status !== 'erased';

  const show = (field: RevealField) =>
    reveal.mutate(
      { id: customer.id, field },
      { onSuccess: (values) => setRevealed((previous) => ({ ...previous, ...values })), onError: (error) => reportError(error) },
    );
  const hide = (field: RevealField) => setRevealed(({ [field]: _hidden, ...rest }) => rest);

  const phones = revealed.phones ?? customer.phones.map((phone) => ({ ...phone, number: maskPhone(phone.number) }));
  const idNumber = revealed.idNumber !== undefined ? revealed.idNumber : customer.idNumber && maskIdNumber(customer.idNumber);

  const phoneList =
    phones.length === 0 ? (
      <Dash />
    ) : (
      <Flex vertical gap={4} data-testid="customer-phones">
        {phones.map((phone) => (
          <Flex key={`${phone.number}-${phone.label ?? ''}`} gap={8} align="center" wrap>
            <Typography.Text className="kefu-code" style={{ fontSize: 14 }}>
              {phone.number}
            </Typography.Text>
            {phone.label && <Typography.Text type="secondary">{phone.label}</Typography.Text>}
            {phone.primary && phones.length > 1 && (
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t('customers.primaryPhone')}
              </Tag>
            )}
          </Flex>
        ))}
        {mayReveal && <RevealToggle field="phones" revealed={revealed.phones !== undefined} onReveal={() => show('phones')} onHide={() => hide('phones')} />}
      </Flex>
    );

  const idNumberView = idNumber ? (
    <Flex gap={8} align="center" wrap>
      <Typography.Text className="kefu-code" style={{ fontSize: 14 }} data-testid="customer-id-number">
        {idNumber}
      </Typography.Text>
      {mayReveal && (
        <RevealToggle field="idNumber" revealed={revealed.idNumber !== undefined} onReveal={() => show('idNumber')} onHide={() => hide('idNumber')} />
      )}
    </Flex>
  ) : (
    <Dash />
  );

  const reference = (value: { id: number; name: string } | null) => (value ? <Link to={customerPath(value.id)}>{value.name}</Link> : <Dash />);

  return (
    <Card title={t('customers.profile.details')}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'phones', label: t('customers.fields.phones'), children: phoneList },
          { key: 'idNumber', label: t('customers.fields.idNumber'), children: idNumberView },
          { key: 'email', label: t('customers.fields.email'), children: orDash(customer.email) },
          { key: 'birthday', label: t('customers.fields.birthday'), children: orDash(customer.birthday) },
          { key: 'address', label: t('customers.fields.address'), span: 'filled', children: orDash(customer.address) },
          { key: 'segment', label: t('customers.fields.segment'), children: orDash(customer.segment) },
          { key: 'source', label: t('customers.fields.source'), children: orDash(customer.source) },
          { key: 'accountManager', label: t('customers.fields.accountManager'), children: orDash(customer.accountManager?.name) },
          { key: 'organization', label: t('customers.fields.organization'), children: reference(customer.organization) },
          ...(customer.type === 'personal' ? [{ key: 'family', label: t('customers.fields.family'), children: reference(customer.family) }] : []),
          {
            key: 'tags',
            label: t('customers.fields.tags'),
            span: 'filled' as const,
            children:
              customer.tags.length === 0 ? (
                <Dash />
              ) : (
                <Flex wrap gap={4}>
                  {customer.tags.map((tag) => (
                    <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                      {tag}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          {
            key: 'notes',
            label: t('customers.fields.notes'),
            span: 'filled' as const,
            children: customer.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{customer.notes}</Typography.Paragraph> : <Dash />,
          },
          ...customFieldItems(customer, customFields.data ?? [], t('customers.profile.archivedField')),
          { key: 'createdAt', label: t('customers.fields.createdAt'), children: <DateTimeText value={customer.createdAt} /> },
          { key: 'updatedAt', label: t('customers.fields.updatedAt'), children: <DateTimeText value={customer.updatedAt} /> },
        ]}
      />
    </Card>
  );
}
