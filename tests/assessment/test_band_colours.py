"""The bands' colours are set once, in the matrix; the web page's stylesheet repeats them."""

from assessment.risk_matrix import BAND_COLOURS, Band

from ..stylesheet import css_variables


def test_every_band_has_its_colours():
    assert set(BAND_COLOURS) == set(Band)


def test_the_stylesheets_band_colours_are_the_matrixs():
    variables = css_variables()
    for band, colours in BAND_COLOURS.items():
        assert variables[f"band-{band.value}"] == colours.fill, band
        assert variables[f"band-{band.value}-text"] == colours.text, band
