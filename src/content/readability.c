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
