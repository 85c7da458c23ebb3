/** Short generated articles for the incremental and journal tests, naming people and organisations the seeds also name. */
export const GENERATED: Record<string, string> = {
  'g1.txt':
    'Turkey hits back after strike\n\nRecep Tayyip Erdogan condemned the Syrian government on Friday. ' +
    'NATO Secretary-General Jens Stoltenberg called for calm, a spokesman said. At least 29 soldiers were killed in Idlib, officials said.\n',
  'g2.txt':
    'Talks in Moscow\n\nVladimir Putin met Recep Tayyip Erdogan in Moscow on Thursday. ' +
    'The Kremlin said the two leaders agreed a ceasefire in Idlib. The United Nations welcomed the agreement.\n',
  'g3.txt':
    'Refugees at the border\n\nGreek police fired tear gas at migrants at the border with Turkey, the Greek government said. ' +
    'The European Union criticised Ankara. About 13,000 people gathered at the border, the International Organization for Migration said.\n',
};

/** More short articles for the random sequences: shared surnames, acronyms, short forms, one-word names. */
export const MORE: Record<string, string> = {
  'h1.txt':
    'Erdogan warns Damascus\n\nErdogan said on Saturday that Turkey would not allow a new wave of refugees. ' +
    'The Syrian Observatory for Human Rights (SOHR) said 33 Turkish soldiers had died. Assad did not comment.\n',
  'h2.txt':
    'Observatory counts the dead\n\nThe Syrian Observatory said on Sunday that air strikes had killed 16 civilians. ' +
    'SOHR blamed Russian jets. Vladimir Putin spoke with Emmanuel Macron by telephone, the Kremlin said.\n',
  'h3.txt':
    'Macron calls for talks\n\nFrench President Emmanuel Macron urged Putin and Erdogan to meet. ' +
    'Macron said Europe could not stand by. The European Union said it would send aid to Greece.\n',
  'h4.txt':
    'Stoltenberg in Ankara\n\nStoltenberg met Mevlut Cavusoglu in Ankara on Monday. ' +
    'NATO allies agreed to review air defence support for Turkey, Cavusoglu said.\n',
};

/** An article with accents, a dash and curly quotes. */
export const UNICODE: Record<string, string> = {
  'u1.txt':
    'Talks in Zürich\n\nFrançois Hollande met Recep Tayyip Erdoğan in Zürich on Monday, the Élysée said. ' +
    'Erdoğan criticised the European Union — “a broken promise” — over the refugees, a spokesman said.\n',
};
