/** The frame of one screen: a heading, optional actions on the right, the content below. */

import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function Page({
  title,
  extra,
  children,
  subtitle,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="page">
      <header className="page-head">
        <div>
          <Typography.Title level={2} className="page-title">
            {title}
          </Typography.Title>
          {subtitle ? <div className="page-subtitle">{subtitle}</div> : null}
        </div>
        {extra ? <div className="page-extra">{extra}</div> : null}
      </header>
      <div className="page-body">{children}</div>
    </section>
  );
}
