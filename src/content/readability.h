/* readability: Flesch-Kincaid grade level of English text, with our own syllable counter
 * (vowel groups, a silent final e, -ed/-es endings, a few common exceptions). Used by the
 * tests that keep every patient text at grade 8 or below. Pure C, owns nothing. */
#ifndef PAINMAP_CONTENT_READABILITY_H
#define PAINMAP_CONTENT_READABILITY_H

typedef struct TextStats {
    int words, sentences, syllables;
} TextStats;

/* Syllables in one word (letters only are looked at; at least 1 for a non-empty word). */
int text_syllables(const char *word, int len);
/* Counts words, sentences (at least 1 when there are words) and syllables. */
TextStats text_stats(const char *text);
/* 0.39 * words/sentences + 11.8 * syllables/words - 15.59 (0 for empty text). */
double text_fk_grade(const char *text);

#endif
