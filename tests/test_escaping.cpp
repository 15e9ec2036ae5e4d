// The one escaping function of each plain-text output language (sim/core/escaping.hpp).
#include <catch2/catch.hpp>
#include <string>

#include "sim/core/escaping.hpp"

using ppusim::csv_field;
using ppusim::json_pointer_token;

TEST_CASE("a JSON pointer token escapes ~ before / (RFC 6901, section 3)", "[escaping]") {
  CHECK(json_pointer_token("p90") == "p90");
  CHECK(json_pointer_token("a/b") == "a~1b");
  CHECK(json_pointer_token("m~n") == "m~0n");
  // "~1" in a key is a tilde and a one, not a slash: it must not read back as "/".
  CHECK(json_pointer_token("~1") == "~01");
  CHECK(json_pointer_token("") == "");
}

TEST_CASE("a CSV field is quoted only when it must be, with quotes doubled (RFC 4180)", "[escaping]") {
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("carriage\rreturn") == "\"carriage\rreturn\"");
}
