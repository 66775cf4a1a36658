import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { downloadCustomerList, type CustomerExportFilters, type CustomerExportFormat } from '../../api/customers';
import { useReportError } from '../../components/useReportError';
import { downloadBlob } from './downloadJson';

const FORMATS: CustomerExportFormat[] = ['csv', 'xlsx'];

function isFormat(value: string): value is CustomerExportFormat {
  return (FORMATS as string[]).includes(value);
}

/** CUS-6 export of the list as filtered now; numbers stay masked unless the user holds pii.view. */
export function CustomerExportButton({ filters }: { filters: CustomerExportFilters }) {
  const { t } = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [exporting, setExporting] = useState(false);

  const exportAs = async (format: CustomerExportFormat) => {
    setExporting(true);
    try {
      const { blob, fileName } = await downloadCustomerList(filters, format);
      downloadBlob(fileName ?? `customers.${format}`, blob);
      void message.success(t('customers.exportList.done'));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      disabled={exporting}
      menu={{
        items: FORMATS.map((format) => ({ key: format, label: t(`customers.exportList.${format}`), 'data-testid': `customers-export-${format}` })),
        onClick: ({ key }) => {
          if (isFormat(key)) void exportAs(key);
        },
      }}
    >
      <Button icon={<DownloadOutlined />} loading={exporting} data-testid="customers-export">
        {t('customers.exportList.open')}
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
