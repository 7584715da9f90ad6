#include "content/readability.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

static bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

int text_syllables(const char *word, int len) {
    char w[64];
    int n = 0;
    for (int i = 0; i < len && n < (int)sizeof w - 1; i++) {
        if (isalpha((unsigned char)word[i])) {
            w[n++] = (char)tolower((unsigned char)word[i]);
        }
    }
    w[n] = '\0';
    if (n == 0) {
        return 0;
    }
    if (n <= 3) {
        return 1;
    }
    int count = 0;
    bool prev = false;
    for (int i = 0; i < n; i++) {
        bool v = is_vowel(w[i]) && !(w[i] == 'y' && i == 0);
        if (v && !prev) {
            count++;
        }
        prev = v;
    }
    /* silent endings: "make", "used", "goes" (but not "table", "needed", "boxes") */
    if (w[n - 1] == 'e' && !(n >= 2 && w[n - 2] == 'l' && n >= 3 && !is_vowel(w[n - 3])) &&
        !(n >= 2 && is_vowel(w[n - 2]))) {
        count--;
    } else if (n >= 3 && w[n - 2] == 'e' && w[n - 1] == 'd' && w[n - 3] != 't' && w[n - 3] != 'd' &&
               !is_vowel(w[n - 3])) {
        count--;
    } else if (n >= 3 && w[n - 2] == 'e' && w[n - 1] == 's' && !is_vowel(w[n - 3]) &&
               strchr("sxzcg", w[n - 3]) == NULL && !(w[n - 3] == 'h' && n >= 4)) {
        count--;
    }
    /* vowel pairs that are two syllables: "ia" (area, sciatica), "io" (region), "eo" */
    for (int i = 0; i + 1 < n; i++) {
        if ((w[i] == 'i' && (w[i + 1] == 'a' || w[i + 1] == 'o')) ||
            (w[i] == 'e' && w[i + 1] == 'o')) {
            if (!(i > 0 && strchr("tcsgx", w[i - 1]) != NULL && w[i] == 'i')) {
                count++;
            }
        }
    }
    /* a final "ea" is two syllables: area, idea */
    if (n >= 3 && w[n - 2] == 'e' && w[n - 1] == 'a') {
        count++;
    }
    return count < 1 ? 1 : count;
}

TextStats text_stats(const char *text) {
    TextStats st = {0, 0, 0};
    const char *p = text;
    bool in_sentence = false;
    while (*p) {
        if (isalpha((unsigned char)*p)) {
            const char *start = p;
            while (*p && (isalpha((unsigned char)*p) || *p == '\'' || *p == '-')) {
                p++;
            }
            /* hyphenated words count as one word with all their syllables */
            st.words++;
            const char *q = start;
            while (q < p) {
                const char *e = q;
                while (e < p && *e != '-') {
                    e++;
                }
                st.syllables += text_syllables(q, (int)(e - q));
                q = e < p ? e + 1 : e;
            }
            in_sentence = true;
            continue;
        }
        if (isdigit((unsigned char)*p)) {
            while (*p && (isdigit((unsigned char)*p) || *p == '.' || *p == ',')) {
                p++;
            }
            st.words++;
            st.syllables += 1;
            in_sentence = true;
            continue;
        }
        if ((*p == '.' || *p == '!' || *p == '?') && in_sentence) {
            st.sentences++;
            in_sentence = false;
        }
        p++;
    }
    if (in_sentence || (st.words > 0 && st.sentences == 0)) {
        st.sentences++;
    }
    return st;
}

double text_fk_grade(const char *text) {
    TextStats st = text_stats(text);
    if (st.words == 0) {
        return 0.0;
    }
    return 0.39 * (double)st.words / (double)st.sentences +
           11.8 * (double)st.syllables / (double)st.words - 15.59;
}

/* ------------------------------------------------------------------------------------ */
/* Spanish                                                                               */

typedef enum { ES_OTHER = 0, ES_STRONG, ES_WEAK, ES_LETTER } EsClass;

/* Reads one character of a word: its class and its byte length; lower is the ASCII letter
 * it stands for ('a' for 'á'), or 0. */
static EsClass es_char(const unsigned char *p, int left, int *out_len, char *lower) {
    *out_len = 1;
    *lower = 0;
    unsigned c = p[0];
    if (c < 0x80) {
        char l = (char)tolower((int)c);
        *lower = l;
        if (l == 'a' || l == 'e' || l == 'o') {
            return ES_STRONG;
        }
        if (l == 'i' || l == 'u') {
            return ES_WEAK;
        }
        return isalpha((int)c) ? ES_LETTER : ES_OTHER;
    }
    if (c == 0xC3 && left >= 2) {
        *out_len = 2;
        switch (p[1]) {
            case 0xA1: /* á */
            case 0x81: /* Á */
                *lower = 'a';
                return ES_STRONG;
            case 0xA9: /* é */
            case 0x89:
                *lower = 'e';
                return ES_STRONG;
            case 0xB3: /* ó */
            case 0x93:
                *lower = 'o';
                return ES_STRONG;
            case 0xAD: /* í: a stressed i breaks the diphthong (día, raíz) */
            case 0x8D:
                *lower = 'i';
                return ES_STRONG;
            case 0xBA: /* ú */
            case 0x9A:
                *lower = 'u';
                return ES_STRONG;
            case 0xBC: /* ü */
            case 0x9C:
                *lower = 'u';
                return ES_WEAK;
            case 0xB1: /* ñ */
            case 0x91:
                return ES_LETTER;
            default:
                return ES_OTHER;
        }
    }
    /* any other multi-byte character ends the word */
    return ES_OTHER;
}

int text_syllables_es(const char *word, int len) {
    const unsigned char *p = (const unsigned char *)word;
    int n = 0, i = 0;
    EsClass prev = ES_OTHER;
    char prev_lower = 0;
    while (i < len) {
        int cl;
        char lower;
        EsClass k = es_char(p + i, len - i, &cl, &lower);
        int next_cl = 0;
        char next_lower = 0;
        if (i + cl < len) {
            es_char(p + i + cl, len - i - cl, &next_cl, &next_lower);
        }
        /* the u of que, qui, gue, gui is silent */
        if (lower == 'u' && cl == 1 && (prev_lower == 'q' || prev_lower == 'g') &&
            (next_lower == 'e' || next_lower == 'i')) {
            k = ES_LETTER;
        }
        if (k == ES_STRONG || k == ES_WEAK) {
            bool vowel_before = prev == ES_STRONG || prev == ES_WEAK;
            /* two vowels share a syllable when one is an unstressed i or u (a diphthong),
             * unless they are the same weak vowel; two strong vowels are a hiatus */
            bool same_syllable =
                vowel_before && (prev == ES_WEAK || k == ES_WEAK) && !(prev_lower == lower);
            if (!same_syllable) {
                n++;
            }
        }
        prev = k;
        prev_lower = lower ? lower : (char)(k == ES_LETTER ? 'x' : 0);
        i += cl;
    }
    return n == 0 && len > 0 ? 1 : n;
}

TextStats text_stats_es(const char *text) {
    TextStats st = {0, 0, 0};
    const unsigned char *p = (const unsigned char *)text;
    size_t len = strlen(text);
    size_t i = 0;
    bool in_sentence = false;
    while (i < len) {
        int cl;
        char lower;
        EsClass k = es_char(p + i, (int)(len - i), &cl, &lower);
        if (k != ES_OTHER) {
            size_t start = i;
            while (i < len) {
                EsClass kk = es_char(p + i, (int)(len - i), &cl, &lower);
                if (kk == ES_OTHER) {
                    break;
                }
                i += (size_t)cl;
            }
            st.words++;
            st.syllables += text_syllables_es((const char *)p + start, (int)(i - start));
            in_sentence = true;
            continue;
        }
        if (isdigit(p[i])) {
            while (i < len && (isdigit(p[i]) || p[i] == '.' || p[i] == ',')) {
                i++;
            }
            st.words++;
            st.syllables += 1;
            in_sentence = true;
            continue;
        }
        if ((p[i] == '.' || p[i] == '!' || p[i] == '?') && in_sentence) {
            st.sentences++;
            in_sentence = false;
        }
        i++;
    }
    if (in_sentence || (st.words > 0 && st.sentences == 0)) {
        st.sentences++;
    }
    return st;
}

double text_inflesz(const char *text) {
    TextStats st = text_stats_es(text);
    if (st.words == 0) {
        return 0.0;
    }
    return 206.835 - 62.3 * (double)st.syllables / (double)st.words -
           (double)st.words / (double)st.sentences;
}
