// Catch2 supplies main(); every other tests/*.cpp file adds test cases.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
