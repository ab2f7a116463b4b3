/* Every CUnit suite, one line each (see testing.h). */
SUITE(cursor)
