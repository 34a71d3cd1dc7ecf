/** The statistics pages' words, Chinese first; the English object must have the same keys. */
const zh = {
  title: '',
};

const en: typeof zh = {
  title: '',
};

export const statistics = { zh, en };
