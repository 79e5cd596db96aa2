from storyline.extract.language import detect_language


def test_languages_detected_and_short_text_unknown():
    assert detect_language("Japan and South Korea agreed on Tuesday to deepen cooperation on supply chains.") == "en"
    assert detect_language("日本と韓国の外相は火曜日、東京で会談し、経済安全保障での協力を確認した。") == "ja"
    assert detect_language("Le Japon et la Corée du Sud ont convenu mardi de renforcer leur coopération.") == "fr"
    assert detect_language("Tokyo") is None
