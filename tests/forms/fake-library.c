/* A library with the name of one Samordna loads when first used and none
 * of its functions, as a broken or wrong installation would have
 * (test-lazy-libraries.c). */
int sam_fake_library (void);

int
sam_fake_library (void)
{
  return 0;
}
