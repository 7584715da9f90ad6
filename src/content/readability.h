/* readability: Flesch-Kincaid grade level of English text, with our own syllable counter
 * (vowel groups, a silent final e, -ed/-es endings, a few common exceptions), and the
 * Szigriszt-Pazos perspicuity (INFLESZ scale) of Spanish text, with a Spanish syllable
 * counter (diphthongs, hiatus, silent u in que/qui/gue/gui). Used by the tests that keep
 * every patient text plain. Pure C, owns nothing. */
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

/* Spanish: syllables in one UTF-8 word (accented vowels, ü and ñ understood). */
int text_syllables_es(const char *word, int len);
/* Spanish words (runs of letters, accented ones included, or of digits), sentences and
 * syllables. */
TextStats text_stats_es(const char *text);
/* Szigriszt-Pazos perspicuity: 206.835 - 62.3 * syllables/words - words/sentences (0 for
 * empty text). On the INFLESZ scale: below 40 very hard, 40-55 somewhat hard, 55-65 normal,
 * 65-80 fairly easy, above 80 very easy. */
double text_inflesz(const char *text);

#endif
