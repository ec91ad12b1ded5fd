package cz.souhra.query.search;

import java.io.IOException;
import java.text.Normalizer;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.cz.CzechStemmer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Czech analysis for search: words lower-cased, Czech stop words dropped, each word stemmed by Lucene's Czech
 * stemmer and then stripped of diacritics, so "ubytovna" finds "ubytovnách" and "doubi" finds "Doubí".
 *
 * <p>The stemmer recognises case endings by their diacritics ("-ách", "-ích"), so it runs before the folding.
 * People type without diacritics too, and "ubytovnach" stems differently from "ubytovnách"; so a word written
 * with diacritics is indexed under both stems, of itself and of its folded spelling, at one position: a query
 * typed either way is analysed the same way and meets one of them. Prefix and wildcard terms are not stemmed
 * ({@link #normalize}: lower case and folding only), and match the start of the indexed stems.
 */
public final class SearchAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new LowerCaseFilter(source);
        result = new StopFilter(result, CzechAnalyzer.getDefaultStopSet());
        result = new FoldedStems(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** The word without diacritics ("ubytovnách" → "ubytovnach"); what {@link ASCIIFoldingFilter} does to Czech letters. */
    static String fold(String word) {
        return MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
    }

    /** Each word replaced by its folded stem, and by the folded stem of its folded spelling when that differs. */
    static final class FoldedStems extends TokenFilter {

        private final CzechStemmer stemmer = new CzechStemmer();
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private AttributeSource.State saved;
        private String second;

        FoldedStems(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (second != null) {
                restoreState(saved);
                term.setEmpty().append(second);
                position.setPositionIncrement(0);
                second = null;
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            String first = fold(stem(word));
            String folded = fold(word);
            String other = folded.equals(word) ? first : stem(folded);
            term.setEmpty().append(first);
            if (!other.equals(first)) {
                saved = captureState();
                second = other;
            }
            return true;
        }

        private String stem(String word) {
            char[] chars = word.toCharArray();
            return new String(chars, 0, stemmer.stem(chars, chars.length));
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            saved = null;
            second = null;
        }
    }
}
