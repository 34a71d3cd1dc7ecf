/** The supervision pages' words, Chinese first; the English object must have the same keys. */
const zh = {
  title: '',
  nav: { overdue: '超期督办', audit: '审计日志', disclosure: '公示名单', policy: '政策参数' },
};

const en: typeof zh = {
  title: '',
  nav: { overdue: 'Overdue', audit: 'Audit trail', disclosure: 'Disclosure', policy: 'Policy parameters' },
};

export const supervision = { zh, en };
