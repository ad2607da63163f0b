/**
 * The frame of one screen: a heading, optional actions on the right, the content below. A subtitle given
 * as phrases breaks only between them (an office name, a period, each clause of a 口径), and the heading
 * keeps the width of its widest phrase beside the actions: when both do not fit, the actions move below.
 */

import { Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';

export function Page({
  title,
  extra,
  children,
  subtitle,
}: {
  title: ReactNode;
  /** Text, or phrases each kept on one line (the line may break between them). */
  subtitle?: ReactNode | readonly string[];
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
          {subtitle ? <div className="page-subtitle">{isPhrases(subtitle) ? <Phrases phrases={subtitle} /> : subtitle}</div> : null}
        </div>
        {extra ? <div className="page-extra">{extra}</div> : null}
      </header>
      <div className="page-body">{children}</div>
    </section>
  );
}

const isPhrases = (subtitle: ReactNode | readonly string[]): subtitle is readonly string[] => Array.isArray(subtitle);

function Phrases({ phrases }: { phrases: readonly string[] }) {
  return phrases.filter(Boolean).map((phrase, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      <span className="phrase">{phrase}</span>
    </Fragment>
  ));
}
