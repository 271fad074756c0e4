import { BookOutlined, EditOutlined, FileAddOutlined, IdcardOutlined, SwapOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../lib/i18n.tsx';
import './applicant.css';

interface Item {
  to: string;
  testId: string;
  icon: ReactNode;
  zh: string;
  en: string;
  hintZh: string;
  hintEn: string;
}

const items: Item[] = [
  {
    to: 'collection',
    testId: 'service-collection',
    icon: <FileAddOutlined />,
    zh: '信息采集',
    en: 'Collection',
    hintZh: '首次登记会计人员信息',
    hintEn: 'Register your information for the first time',
  },
  {
    to: 'change',
    testId: 'service-change',
    icon: <EditOutlined />,
    zh: '信息变更',
    en: 'Change',
    hintZh: '修改联系方式或已登记的信息',
    hintEn: 'Change contact details or recorded information',
  },
  {
    to: 'transfer',
    testId: 'service-transfer',
    icon: <SwapOutlined />,
    zh: '调入/调出',
    en: 'Transfer',
    hintZh: '跨省调入、调出，省内调转',
    hintEn: 'Transfer between provinces or districts',
  },
  {
    to: 'continuing-education',
    testId: 'service-continuing-education',
    icon: <BookOutlined />,
    zh: '继续教育',
    en: 'Continuing education',
    hintZh: '查看本年度学分情况',
    hintEn: "This year's credits",
  },
  {
    to: 'requests',
    testId: 'service-requests',
    icon: <UnorderedListOutlined />,
    zh: '我的申请',
    en: 'My requests',
    hintZh: '办理进度与审核意见',
    hintEn: 'Progress and review comments',
  },
  {
    to: 'record',
    testId: 'service-record',
    icon: <IdcardOutlined />,
    zh: '我的信息',
    en: 'My record',
    hintZh: '已登记的全部信息',
    hintEn: 'Everything on record',
  },
];

/** The welcome page: the service items of the Beijing manual. */
export function Welcome() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="welcome-heading">
      <Typography.Title level={2} id="welcome-heading" className="page-heading">
        {t('欢迎使用会计人员服务', 'Services for accountants')}
      </Typography.Title>
      <nav aria-label={t('服务事项', 'Services')}>
        <Row gutter={[12, 12]}>
          {items.map((i) => (
            <Col xs={12} sm={8} key={i.to}>
              <Link to={i.to} data-testid={i.testId} className="service-item">
                <Card hoverable className="service-card">
                  <div className="service-icon" aria-hidden>
                    {i.icon}
                  </div>
                  <div className="service-name">{t(i.zh, i.en)}</div>
                  <div className="service-hint">{t(i.hintZh, i.hintEn)}</div>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </nav>
    </section>
  );
}
